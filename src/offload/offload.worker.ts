/** The offload worker's entry (webpack entry "offload.worker" → dist/offload.worker.js). */
import { serve, type WorkerScope } from "./serve";

serve(self as unknown as WorkerScope);
