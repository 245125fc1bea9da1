//! Editing a work plan's content in the app (a copied plan made into the next one): its measures
//! and its indicators with their targets. Every change is one audited transaction and is refused
//! for an ended plan that was not reopened, or with a Chinese reason for bad input.
mod indicators;
mod measures;

pub use indicators::{add_indicator, delete_indicator, list_indicators, update_indicator, IndicatorInput, PlanIndicator, TargetText, YearTarget};
pub use measures::{add_measure, delete_measure, update_measure, MeasureInput};

#[cfg(test)]
mod tests;
