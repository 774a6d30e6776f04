/** Offers a file to the person as a download (the browser's own save flow). */
export function downloadFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "customers.xlsx" (or an opened "customers.csv") → "customers-results.xlsx"; the result never overwrites the opened file by name. */
export function resultFileName(opened: string): string {
  const base = opened.replace(/\.(?:xlsx|csv)$/i, "") || "workbook";
  return `${base}-results.xlsx`;
}
