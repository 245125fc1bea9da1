// The colour of a work plan's status (upcoming / active / ended as core reports it): an ended
// plan is neutral grey, not an alarm.
export const PLAN_STATUS_TAG: Record<string, "success" | "info" | "warning"> = {
  active: "success",
  ended: "info",
  upcoming: "warning",
};
