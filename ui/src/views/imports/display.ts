// How the 导入记录 page names what undo and redo do to an enterprise.
const ACTIONS: Record<string, string> = {
  revert: "恢复",
  remove: "删除",
  keep: "保留",
  none: "无改动",
  gone: "已删除",
  reapply: "重新写入",
  reinsert: "重新添加",
};

export function undoActionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}
