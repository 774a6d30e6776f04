/** The offload worker's entry (webpack entry "offload.worker" → dist/offload.worker.js). */
// First: the formula engine the workbook loads imports the function modules, which need it.
import "../taskpane/custom-functions-shim";
import { serve, type WorkerScope } from "./serve";

serve(self as unknown as WorkerScope);
