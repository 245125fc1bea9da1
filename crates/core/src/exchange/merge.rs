//! Deciding, field by field, what an incoming record does to the one kept here, given the value
//! last received from the same sender (the base): take it, keep ours, or ask (a conflict).
use super::kinds::{blank, Body, EXTRA_PREFIX, STAMPS};
use crate::enterprise::snapshot::same_value;
use serde_json::Value as Json;

/// What happens to one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Both sides hold the same value.
    Same,
    /// The sender changed it and we did not: written.
    Take,
    /// We changed it since the last package and the sender did not: ours stays.
    Keep,
    /// Both changed it (or, with no base, ours is not blank and differs): the receiver decides.
    Conflict,
}

/// One field's decision with the three values.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecision {
    pub field: String,
    pub local: Json,
    pub incoming: Json,
    pub base: Option<Json>,
    pub action: Action,
}

/// The rule for one field: `base` is `None` when no package from this sender carried the record.
pub fn decide(local: &Json, incoming: &Json, base: Option<&Json>) -> Action {
    if same_value(local, incoming) || (blank(local) && blank(incoming)) {
        return Action::Same;
    }
    match base {
        Some(b) if same_value(local, b) || (blank(local) && blank(b)) => Action::Take,
        Some(b) if same_value(b, incoming) || (blank(b) && blank(incoming)) => Action::Keep,
        Some(_) => Action::Conflict,
        None if blank(local) => Action::Take,
        None => Action::Conflict,
    }
}

/// The fields an incoming record is compared on: those it carries, and extra attributes the base
/// had (removed at the sender since); stamps are never compared.
fn compared_fields(incoming: &Body, base: Option<&Body>) -> Vec<String> {
    let mut fields: Vec<String> = incoming.keys().cloned().collect();
    if let Some(b) = base {
        fields.extend(b.keys().filter(|k| k.starts_with(EXTRA_PREFIX)).cloned());
    }
    fields.sort();
    fields.dedup();
    fields.retain(|f| !STAMPS.contains(&f.as_str()));
    fields
}

/// Every compared field of a record present on both sides.
pub fn decide_record(local: &Body, incoming: &Body, base: Option<&Body>) -> Vec<FieldDecision> {
    let null = Json::Null;
    compared_fields(incoming, base)
        .into_iter()
        .map(|f| {
            let (l, i) = (local.get(&f).unwrap_or(&null), incoming.get(&f).unwrap_or(&null));
            let b = base.map(|b| b.get(&f).unwrap_or(&null));
            FieldDecision { action: decide(l, i, b), local: l.clone(), incoming: i.clone(), base: b.cloned(), field: f }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_rules_for_one_field() {
        let (a, b, c) = (json!("甲"), json!("乙"), json!("丙"));
        let cases = [
            // local, incoming, base, action
            (&a, &a, None, Action::Same),
            (&a, &a, Some(&b), Action::Same),
            (&a, &b, Some(&a), Action::Take),
            (&a, &b, Some(&b), Action::Keep),
            (&a, &b, Some(&c), Action::Conflict),
            (&Json::Null, &b, None, Action::Take),
            (&json!(""), &b, None, Action::Take),
            (&a, &b, None, Action::Conflict),
            (&Json::Null, &json!(""), None, Action::Same),
            (&json!(100.0), &json!(100), None, Action::Same),
            (&a, &Json::Null, Some(&a), Action::Take),
        ];
        for (i, (l, inc, base, want)) in cases.into_iter().enumerate() {
            assert_eq!(decide(l, inc, base), want, "case {i}: {l} {inc} {base:?}");
        }
    }

    #[test]
    fn stamps_are_carried_but_not_compared_and_removed_extras_are() {
        let local: Body = [("name".into(), json!("甲")), ("updated_at".into(), json!("t1")), ("extra.规模".into(), json!("中型"))].into();
        let incoming: Body = [("name".into(), json!("甲")), ("updated_at".into(), json!("t2"))].into();
        let base: Body = [("name".into(), json!("甲")), ("extra.规模".into(), json!("中型"))].into();
        let got = decide_record(&local, &incoming, Some(&base));
        let fields: Vec<(&str, Action)> = got.iter().map(|d| (d.field.as_str(), d.action)).collect();
        assert_eq!(fields, vec![("extra.规模", Action::Take), ("name", Action::Same)]);
        assert!(decide_record(&local, &incoming, None).iter().all(|d| d.action == Action::Same), "an extra the sender never had is left alone");
    }
}
