/** Labels of the CLV schedule table. */
import { Language } from "./labels";

export const labels: Record<Language, { header: string[]; total: string }> = {
  zh: { header: ["期数", "收入", "成本", "利润", "留存概率", "折现系数", "现值", "累计价值"], total: "合计" },
  en: { header: ["Period", "Revenue", "Cost", "Margin", "Survival", "Discount factor", "Present value", "Running total"], total: "Total" },
};
