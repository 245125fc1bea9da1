// `npm run tauri -- <command>` from ui/: runs the Tauri CLI with this repo's layout spelled out
// (app in ../src-tauri, frontend here), so build/bundle/dev work from ui/ on Linux and Windows.
import path from "node:path";
import { fileURLToPath } from "node:url";
import cli from "@tauri-apps/cli";

const ui = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.TAURI_APP_PATH = path.join(ui, "..", "src-tauri");
process.env.TAURI_FRONTEND_PATH = ui;

cli.run(process.argv.slice(2), "npm run tauri").catch((err) => {
  cli.logError(err.message);
  process.exit(1);
});
