/**
 * `crm sql rfm --table T [--id C] [--recency C] [--frequency C] [--monetary C] [--bins N]`: prints
 * CRM.RFMSCORE's population rule as standard SQL window functions (core/rfm-sql.ts) for the
 * user's warehouse; nothing is read or written.
 */
import { CrmError } from "../core/errors";
import { rfmScoreSql } from "../core/rfm-sql";
import type { Subcommand } from "./commands";
import { EXIT, UsageError } from "./usage";

export const sqlRfmCommand: Subcommand = {
  words: ["sql", "rfm"],
  summary: "print the RFM scoring rule (CRM.RFMSCORE's population form) as standard SQL window functions",
  usage: "--table TABLE [--id COLUMN] [--recency COLUMN] [--frequency COLUMN] [--monetary COLUMN] [--bins N]",
  flags: [
    { name: "table", value: "TABLE", help: "the table or view with one row per customer (schema.table allowed). Required." },
    { name: "id", value: "COLUMN", help: "the customer id column (default customer_id)" },
    { name: "recency", value: "COLUMN", help: "days since the last purchase (default recency)" },
    { name: "frequency", value: "COLUMN", help: "number of purchases (default frequency)" },
    { name: "monetary", value: "COLUMN", help: "amount spent (default monetary)" },
    { name: "bins", value: "N", help: "score levels, 2 to 9 (default 5)" },
  ],
  async run(positionals, values, io) {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const text = (name: string, fallback?: string) => {
      const v = values[name];
      if (typeof v === "string" && v.trim() !== "") return v;
      if (fallback === undefined) throw new UsageError(`--${name} is required`);
      return fallback;
    };
    const bins = values.bins === undefined ? undefined : Number(values.bins);
    if (bins !== undefined && !Number.isInteger(bins)) throw new UsageError(`--bins must be a whole number from 2 to 9, not "${String(values.bins)}"`);
    try {
      io.stdout(rfmScoreSql({ table: text("table"), id: text("id", "customer_id"), recency: text("recency", "recency"), frequency: text("frequency", "frequency"), monetary: text("monetary", "monetary"), bins }));
    } catch (e) {
      if (e instanceof CrmError) throw new UsageError(e.message);
      throw e;
    }
    return EXIT.done;
  },
};
