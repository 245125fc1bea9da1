// Facts about the running app: version, store location, test mode; and the test hooks that
// end-to-end tests use instead of the native file dialogs.
import { call } from "./backend";
import type { AppInfo } from "../bindings/AppInfo";

export const appInfo = () => call<AppInfo>("app_info");

/** Functions put on `window` by name, each handing a path to the code a native dialog's result
 *  goes to: end-to-end tests cannot drive those dialogs. */
export type TestHooks = Record<string, (path: string) => unknown>;

/** Puts `hooks` on `window` when end-to-end tests run the app (PACESETTER_E2E). */
export async function openTestHooks(hooks: TestHooks): Promise<void> {
  if ((await appInfo()).e2e) Object.assign(window, hooks);
}

/** Takes `hooks` off `window` again (the page that put them there is gone). */
export function closeTestHooks(hooks: TestHooks) {
  for (const name of Object.keys(hooks)) delete (window as unknown as Record<string, unknown>)[name];
}
