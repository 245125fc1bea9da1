// Facts about the running app: version, store location, test mode.
import { call } from "./backend";

export interface AppInfo {
  version: string;
  db_path: string;
  e2e: boolean;
}

export const appInfo = () => call<AppInfo>("app_info");
