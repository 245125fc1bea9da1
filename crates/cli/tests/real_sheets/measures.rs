//! The plan's 21 measures (expected_tasks.json) as the generated task files write them, and the
//! check every task file must pass: `import-tasks --json` reads all 21 exactly.
use pacesetter_testkit::{expected, TempStore};
use serde_json::{json, Value};
use std::path::Path;

/// Action numbers as offices write them (一、企业上市行动).
pub const CHINESE: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

/// One measure of the plan.
pub struct Measure {
    pub action_no: usize,
    pub action: String,
    pub measure_no: usize,
    pub title: String,
    pub text: String,
    pub units: Vec<String>,
    pub deadline: String,
}

impl Measure {
    /// The deadline as an office writes it; the importer normalises each back.
    pub fn written_deadline(&self) -> &'static str {
        match self.deadline.as_str() {
            "长期坚持" => "长期",
            "每年" => "每年年底前",
            "2023年底" => "2023年12月底前",
            "2025年底" => "2025年",
            other => panic!("expected_tasks.json 中有未知的完成时限“{other}”"),
        }
    }
}

/// The 21 measures grouped by action, in order.
pub fn actions() -> Vec<Vec<Measure>> {
    let all = expected("tasks");
    let mut out: Vec<Vec<Measure>> = Vec::new();
    for t in all["tasks"].as_array().expect("tasks") {
        let text = |k: &str| t[k].as_str().unwrap_or_else(|| panic!("{k}: {t}")).to_string();
        let m = Measure {
            action_no: t["action_no"].as_u64().unwrap() as usize,
            action: text("action"),
            measure_no: t["measure_no"].as_u64().unwrap() as usize,
            title: text("title"),
            text: text("measure_text"),
            units: serde_json::from_value(t["units"].clone()).unwrap(),
            deadline: text("deadline"),
        };
        if out.len() < m.action_no {
            out.push(Vec::new());
        }
        out[m.action_no - 1].push(m);
    }
    assert_eq!(out.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 3, 4, 2, 4]);
    out
}

/// The fields `import-tasks --json` gives for a measure, as expected_tasks.json says them.
fn wanted(m: &Measure) -> Value {
    json!({
        "action_no": m.action_no, "action": m.action, "measure_no": m.measure_no, "title": m.title,
        "content": m.text, "lead_unit": m.units[0], "units": m.units, "deadline": m.deadline,
    })
}

fn got(t: &Value) -> Value {
    let keys = ["action_no", "action", "measure_no", "title", "content", "lead_unit", "units", "deadline"];
    Value::Object(keys.iter().map(|k| (k.to_string(), t[*k].clone())).collect())
}

/// Imports `file` into a fresh store and checks that all 21 measures were read with the plan's
/// action, title, text, lead unit, units and deadline, without a rejected row or a warning, and
/// that the store (seeded from the same plan) is unchanged by it. Returns the report.
#[track_caller]
pub fn assert_reads_the_21(store: &TempStore, file: &Path) -> Value {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let r = store.json_of("import-tasks", file, &[]);
    let tasks = r["tasks"].as_array().unwrap_or_else(|| panic!("{name}: {r}"));
    let want: Vec<Value> = actions().iter().flatten().map(wanted).collect();
    assert_eq!(tasks.len(), want.len(), "{name}: {:#}", r["tasks"]);
    for (t, w) in tasks.iter().zip(&want) {
        assert_eq!(got(t), *w, "{name}: 第 {} 行", t["row"]);
    }
    assert_eq!(r["rejected"], json!([]), "{name}");
    assert_eq!(r["warnings"], json!([]), "{name}");
    // The measures match the seed but for 6.2's wording, which the seed took from the plan's text
    // (特色产业集群和邢台市重点产业链中的…) while these sheets carry the attachment's shorter one.
    assert_eq!((&r["inserted"], &r["updated"], &r["unchanged"]), (&json!(0), &json!(1), &json!(20)), "{name}: {:#}", r["changes"]);
    let change = &r["changes"][0];
    assert_eq!((&change["action_no"], &change["measure_no"], &change["fields"][0]["field"]), (&json!(6), &json!(2), &json!("content")), "{name}");
    r
}
