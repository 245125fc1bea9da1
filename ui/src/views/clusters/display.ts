// How the cluster page shows the 诊断服务覆盖率 and turns the alliance's member choices (USCCs of
// cluster enterprises, or typed names of other bodies) into members and back.
import type { AllianceMember } from "../../bindings/AllianceMember";
import type { ClusterEnterprise } from "../../bindings/ClusterEnterprise";
import type { Coverage } from "../../bindings/Coverage";

export function coverageText(c: Coverage): string {
  const rate = c.pct === null ? "—" : `${c.pct}%`;
  return `诊断服务覆盖率 ${rate}（已诊断 ${c.done} / ${c.total} 家，计划 ${c.planned} 家）`;
}

/** A member is chosen by its USCC when it is an enterprise of the pool, else by its name. */
export function membersToChoice(members: AllianceMember[]): string[] {
  return members.map((m) => m.uscc ?? m.name);
}

export function membersFromChoice(choice: string[], enterprises: ClusterEnterprise[]): AllianceMember[] {
  return choice.map((c) => {
    const e = enterprises.find((x) => x.uscc === c);
    return e ? { uscc: e.uscc, name: e.name } : { uscc: null, name: c };
  });
}
