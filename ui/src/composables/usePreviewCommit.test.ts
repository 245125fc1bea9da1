// usePreviewCommit: a preview read and committed, a failed preview shown, a failed commit that
// keeps the preview, and reset.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../api/backend";
import { notifyError } from "../utils/message";
import { usePreviewCommit } from "./usePreviewCommit";

vi.mock("../utils/message", async (original) => ({
  ...(await original<typeof import("../utils/message")>()),
  notifyError: vi.fn(),
}));

interface Preview {
  file: string;
  county: string;
  inserted: number;
}
interface Result {
  written: number;
}

/** A promise with its resolve and reject handed out, to look at the state while it is pending. */
function pending<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const FAILED = { preview: "读取文件失败", commit: "导入失败" };

function setup(
  preview: (file: string, county: string) => Promise<Preview>,
  commit: (file: string, county: string, shown: Preview) => Promise<Result> = async () => ({ written: 3 }),
) {
  const steps = { preview: vi.fn(preview), commit: vi.fn(commit) };
  return { steps, flow: usePreviewCommit({ ...steps, failed: FAILED }) };
}

beforeEach(() => vi.mocked(notifyError).mockClear());

describe("usePreviewCommit", () => {
  it("previews the chosen file, then commits it with the options given and the preview shown", async () => {
    const read = pending<Preview>();
    const { steps, flow } = setup(() => read.promise);
    const choosing = flow.choose("D:\\报送\\宁晋县.xlsx", "宁晋县");
    expect(flow.loading.value).toBe(true);
    expect(flow.fileName.value).toBe("宁晋县.xlsx");
    read.resolve({ file: "宁晋县.xlsx", county: "宁晋县", inserted: 3 });
    expect(await choosing).toBe(true);
    expect(flow.loading.value).toBe(false);
    expect(flow.preview.value?.inserted).toBe(3);
    expect(steps.preview).toHaveBeenCalledWith("D:\\报送\\宁晋县.xlsx", "宁晋县");

    const committing = flow.commit("宁晋县");
    expect(flow.committing.value).toBe(true);
    expect(await committing).toEqual({ written: 3 });
    expect(flow.committing.value).toBe(false);
    expect(flow.result.value).toEqual({ written: 3 });
    // The preview goes back with the commit: its file hash lets the backend refuse a changed file.
    expect(steps.commit).toHaveBeenCalledWith("D:\\报送\\宁晋县.xlsx", "宁晋县", { file: "宁晋县.xlsx", county: "宁晋县", inserted: 3 });
    expect(flow.error.value).toBeNull();
    expect(notifyError).not.toHaveBeenCalled();
  });

  it("shows a failed preview: the backend's message in `error` and as a message", async () => {
    const cause = new AppError("invalid_file", "文件不是 Excel 表格");
    const { steps, flow } = setup(() => Promise.reject(cause));
    expect(await flow.choose("/tmp/名单.xlsx", "")).toBe(false);
    expect(flow.loading.value).toBe(false);
    expect(flow.preview.value).toBeNull();
    expect(flow.error.value).toEqual({ step: "preview", message: "文件不是 Excel 表格" });
    expect(notifyError).toHaveBeenCalledWith(cause, "读取文件失败");
    // Nothing to write without a preview.
    expect(await flow.commit("")).toBeNull();
    expect(steps.commit).not.toHaveBeenCalled();
  });

  it("keeps the last preview when previewing again fails; onError replaces the message", async () => {
    const onError = vi.fn();
    const preview = vi
      .fn<(file: string, county: string) => Promise<Preview>>()
      .mockResolvedValueOnce({ file: "a.xlsx", county: "", inserted: 2 })
      .mockRejectedValueOnce(new Error("boom"));
    const flow = usePreviewCommit({ preview, commit: async () => ({ written: 0 }), failed: FAILED, onError });
    await flow.choose("/tmp/a.xlsx", "");
    expect(await flow.refresh("清河县")).toBe(false);
    expect(flow.preview.value?.inserted).toBe(2);
    // An error without a message of its own is told with the fallback text, never raw.
    expect(flow.error.value).toEqual({ step: "preview", message: "读取文件失败，请重试" });
    expect(onError).toHaveBeenCalledWith(expect.any(Error), "preview");
    expect(notifyError).not.toHaveBeenCalled();
  });

  it("a failed commit keeps the preview, writes no result and says why", async () => {
    const cause = new AppError("conflict", "导入已取消，数据库未改动");
    const { flow } = setup(
      async (file) => ({ file, county: "", inserted: 1 }),
      () => Promise.reject(cause),
    );
    await flow.choose("/tmp/a.xlsx", "");
    expect(await flow.commit("")).toBeNull();
    expect(flow.committing.value).toBe(false);
    expect(flow.result.value).toBeNull();
    expect(flow.preview.value?.inserted).toBe(1);
    expect(flow.error.value).toEqual({ step: "commit", message: "导入已取消，数据库未改动" });
    expect(notifyError).toHaveBeenCalledWith(cause, "导入失败");
  });

  it("reset forgets the file, preview, result and error", async () => {
    const { flow } = setup(async (file) => ({ file, county: "", inserted: 1 }));
    await flow.choose("/tmp/a.xlsx", "");
    await flow.commit("");
    flow.reset();
    expect(flow.file.value).toBeNull();
    expect(flow.fileName.value).toBe("");
    expect(flow.preview.value).toBeNull();
    expect(flow.result.value).toBeNull();
    expect(flow.error.value).toBeNull();
    // Choosing null is the same: nothing is read.
    expect(await flow.choose(null, "")).toBe(false);
  });

  it("a new file forgets the previous one's preview and result before reading", async () => {
    const read = pending<Preview>();
    const preview = vi
      .fn<(file: string, county: string) => Promise<Preview>>()
      .mockResolvedValueOnce({ file: "a.xlsx", county: "", inserted: 1 })
      .mockReturnValueOnce(read.promise);
    const flow = usePreviewCommit({ preview, commit: async () => ({ written: 1 }), failed: FAILED });
    await flow.choose("/tmp/a.xlsx", "");
    await flow.commit("");
    const choosing = flow.choose("/tmp/b.xlsx", "");
    expect(flow.preview.value).toBeNull();
    expect(flow.result.value).toBeNull();
    read.resolve({ file: "b.xlsx", county: "", inserted: 5 });
    await choosing;
    expect(flow.preview.value?.file).toBe("b.xlsx");
  });
});
