//! Reading one cell as a typed value: amounts (thousands separators, “5000万元”, 元 columns),
//! percentages (3.52, “3.52%”, 0.0352 formatted as percent), counts, flags, years and dates.
use crate::sheet::text::{clean, compact};
use crate::sheet::read::{Cell, CellValue};

/// A number written as text: “12,345.60”, “５０００万元”, “-112.47”, “5件”; with the unit factor
/// to 万元 the text itself names, if any.
pub fn parse_number_text(s: &str) -> Option<(f64, Option<f64>)> {
    let s = compact(s).replace([',', '，', '\''], "");
    if s.is_empty() {
        return None;
    }
    let (body, unit) = if let Some(b) = s.strip_suffix("亿元").or_else(|| s.strip_suffix("亿")) {
        (b, Some(10000.0))
    } else if let Some(b) = s.strip_suffix("万元").or_else(|| s.strip_suffix("万")) {
        (b, Some(1.0))
    } else if let Some(b) = s.strip_suffix("千元") {
        (b, Some(0.1))
    } else if let Some(b) = s.strip_suffix('元') {
        (b, Some(0.0001))
    } else {
        (s.trim_end_matches(['件', '项', '个', '人', '家']), None)
    };
    let body = body.trim_start_matches('约').trim_start_matches('+');
    body.parse::<f64>().ok().filter(|n| n.is_finite()).map(|n| (n, unit))
}

/// An amount in 万元; `factor` converts the column's unit (1 for 万元, 0.0001 for 元).
/// `Err` carries the text that is not a number.
pub fn money(cell: &Cell, factor: f64) -> Result<Option<f64>, String> {
    match &cell.value {
        CellValue::Empty => Ok(None),
        CellValue::Number(n) => Ok(Some(round(n * factor))),
        CellValue::Text(t) => {
            if is_blank_marker(t) {
                return Ok(None);
            }
            match parse_number_text(t) {
                Some((n, Some(unit))) => Ok(Some(round(n * unit))),
                Some((n, None)) => Ok(Some(round(n * factor))),
                None => Err(clean(t)),
            }
        }
        CellValue::Bool(_) | CellValue::Date(_) => Err(cell.display()),
    }
}

/// A percentage as a percent number (3.52 = 3.52 %). `fractions` says the column writes
/// unformatted fractions (0.0352) rather than percent numbers.
pub fn percent(cell: &Cell, fractions: bool) -> Result<Option<f64>, String> {
    match &cell.value {
        CellValue::Empty => Ok(None),
        CellValue::Number(n) => {
            let scale = cell.percent || (fractions && n.abs() <= 1.0);
            Ok(Some(round(if scale { n * 100.0 } else { *n })))
        }
        CellValue::Text(t) => {
            if is_blank_marker(t) {
                return Ok(None);
            }
            let c = compact(t).replace(['％', ','], "%");
            if let Some(body) = c.strip_suffix('%') {
                return body.parse::<f64>().map(|n| Some(round(n))).map_err(|_| clean(t));
            }
            match c.parse::<f64>() {
                Ok(n) if fractions && n.abs() <= 1.0 => Ok(Some(round(n * 100.0))),
                Ok(n) => Ok(Some(round(n))),
                Err(_) => Err(clean(t)),
            }
        }
        _ => Err(cell.display()),
    }
}

/// A whole count (patents): 5, “5”, “5件”.
pub fn count(cell: &Cell) -> Result<Option<i64>, String> {
    match &cell.value {
        CellValue::Empty => Ok(None),
        CellValue::Number(n) => Ok(Some(n.round() as i64)),
        CellValue::Text(t) if is_blank_marker(t) => Ok(None),
        CellValue::Text(t) => match parse_number_text(t) {
            Some((n, None)) => Ok(Some(n.round() as i64)),
            _ => Err(clean(t)),
        },
        _ => Err(cell.display()),
    }
}

/// A yes/no flag; a blank cell in a present column means no. A year (2021) or “是（2021年）”
/// means yes, obtained that year.
pub fn flag(cell: &Cell) -> Result<(bool, Option<i64>), String> {
    match &cell.value {
        CellValue::Empty => Ok((false, None)),
        CellValue::Bool(b) => Ok((*b, None)),
        CellValue::Number(n) => {
            let n = *n;
            if (1990.0..=2100.0).contains(&n) && n.fract() == 0.0 {
                Ok((true, Some(n as i64)))
            } else if n == 1.0 {
                Ok((true, None))
            } else if n == 0.0 {
                Ok((false, None))
            } else {
                Err(cell.display())
            }
        }
        CellValue::Date(d) => Ok((true, d.get(..4).and_then(|y| y.parse().ok()))),
        CellValue::Text(t) => {
            let c = compact(t).to_uppercase();
            let year = crate::enterprise::fields::header_year(&c);
            let head: String = c.chars().take_while(|ch| !matches!(ch, '(' | '（' | ',' | '，' | ' ')).collect();
            const YES: &[&str] = &["是", "√", "✓", "✔", "☑", "Y", "YES", "TRUE", "T", "1", "有", "已认定", "认定", "是的", "○", "●", "★"];
            const NO: &[&str] = &["否", "×", "✗", "✘", "X", "N", "NO", "FALSE", "F", "0", "无", "-", "—", "/", "／", "未认定", "不是", "空"];
            if c.is_empty() || NO.contains(&head.as_str()) || NO.contains(&c.as_str()) {
                Ok((false, None))
            } else if YES.contains(&head.as_str())
                || YES.contains(&c.as_str())
                || c.starts_with('是')
                || (year.is_some() && c.chars().filter(|ch| ch.is_ascii_digit()).count() == 4)
            {
                Ok((true, year))
            } else {
                Err(clean(t))
            }
        }
    }
}

/// A year such as 2021, “2021年”, or taken from a date.
pub fn year(cell: &Cell) -> Result<Option<i64>, String> {
    match &cell.value {
        CellValue::Empty => Ok(None),
        CellValue::Number(n) if (1950.0..=2100.0).contains(n) => Ok(Some(*n as i64)),
        CellValue::Date(d) => Ok(d.get(..4).and_then(|y| y.parse().ok())),
        CellValue::Text(t) if is_blank_marker(t) => Ok(None),
        CellValue::Text(t) => crate::enterprise::fields::header_year(t).map(Some).ok_or_else(|| clean(t)),
        _ => Err(cell.display()),
    }
}

/// A date as ISO text: real dates, Excel serials, “2012年8月”, “2012.8”, “2012/8/15”, “2012”.
/// Month precision stays month precision (2012-08).
pub fn date(cell: &Cell) -> Result<Option<String>, String> {
    match &cell.value {
        CellValue::Empty => Ok(None),
        CellValue::Date(d) => Ok(Some(d.clone())),
        CellValue::Number(n) => {
            let n = *n;
            if (1900.0..=2100.0).contains(&n) && n.fract() == 0.0 {
                Ok(Some(format!("{}", n as i64)))
            } else if let Some(d) = dotted_year_month(&crate::sheet::text::number_text(n)) {
                Ok(Some(d))
            } else if (1000.0..=80000.0).contains(&n) {
                let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
                let d = base + chrono::Duration::days(n.floor() as i64);
                Ok(Some(d.format("%Y-%m-%d").to_string()))
            } else {
                Err(cell.display())
            }
        }
        CellValue::Text(t) if is_blank_marker(t) => Ok(None),
        CellValue::Text(t) => date_text(t).map(Some).ok_or_else(|| clean(t)),
        CellValue::Bool(_) => Err(cell.display()),
    }
}

/// “2012.8” read as a number is 2012.8: year and month.
fn dotted_year_month(s: &str) -> Option<String> {
    let (y, m) = s.split_once('.')?;
    let (y, m): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y}-{m:02}"))
}

pub(crate) fn date_text(t: &str) -> Option<String> {
    let c = compact(t);
    let parts: Vec<&str> = c
        .split(['年', '月', '日', '号', '.', '/', '-', '—'])
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Vec<i64> = parts.iter().map(|p| p.parse::<i64>()).collect::<Result<_, _>>().ok()?;
    match nums.as_slice() {
        [y] if (1900..=2100).contains(y) => Some(format!("{y}")),
        [y] if (19000101..=21001231).contains(y) => {
            let (yy, mm, dd) = (y / 10000, (y / 100 % 100) as u32, (y % 100) as u32);
            chrono::NaiveDate::from_ymd_opt(yy as i32, mm, dd).map(|d| d.format("%Y-%m-%d").to_string())
        }
        [y, m] if (1900..=2100).contains(y) && (1..=12).contains(m) => Some(format!("{y}-{m:02}")),
        [y, m, d] if (1900..=2100).contains(y) => chrono::NaiveDate::from_ymd_opt(*y as i32, *m as u32, *d as u32)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        _ => None,
    }
}

/// Cells that mean “nothing here”: “/”, “-”, “无”, “暂无”, “——”.
pub fn is_blank_marker(t: &str) -> bool {
    let c = crate::sheet::text::compact_cow(t);
    c.is_empty() || matches!(c.as_ref(), "/" | "-" | "--" | "—" | "——" | "无" | "暂无" | "空" | "N/A" | "NA" | "\\")
}

/// Text fields (names, people, phones): cleaned; numbers without “.0”.
pub fn text(cell: &Cell) -> Option<String> {
    let s = match &cell.value {
        CellValue::Empty => return None,
        CellValue::Number(n) => crate::sheet::text::number_text(*n),
        CellValue::Text(t) => clean(t),
        _ => clean(&cell.display()),
    };
    (!s.is_empty()).then_some(s)
}

fn round(n: f64) -> f64 {
    (n * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::text(s)
    }
    fn n(v: f64) -> Cell {
        Cell::number(v)
    }

    #[test]
    fn money_cases() {
        let cases: Vec<(Cell, f64, Result<Option<f64>, String>)> = vec![
            (n(2600.0), 1.0, Ok(Some(2600.0))),
            (t("12,345.60"), 1.0, Ok(Some(12345.6))),
            (t(" ５，０００ "), 1.0, Ok(Some(5000.0))),
            (t("5000万元"), 0.0001, Ok(Some(5000.0))),
            (t("3亿元"), 1.0, Ok(Some(30000.0))),
            (n(123456789.0), 0.0001, Ok(Some(12345.6789))),
            (t("-112.47"), 1.0, Ok(Some(-112.47))),
            (t("/"), 1.0, Ok(None)),
            (Cell::default(), 1.0, Ok(None)),
            (t("未填"), 1.0, Err("未填".into())),
        ];
        for (cell, factor, want) in cases {
            assert_eq!(money(&cell, factor), want, "{cell:?}");
        }
    }

    #[test]
    fn percent_cases() {
        let styled = Cell { value: CellValue::Number(0.0352), percent: true, ..Default::default() };
        let cases: Vec<(Cell, bool, Result<Option<f64>, String>)> = vec![
            (styled, false, Ok(Some(3.52))),
            (t("3.52%"), false, Ok(Some(3.52))),
            (t("３.５２％"), false, Ok(Some(3.52))),
            (n(3.52), false, Ok(Some(3.52))),
            (n(0.0352), true, Ok(Some(3.52))),
            (t("0.0352"), true, Ok(Some(3.52))),
            (n(4.1), true, Ok(Some(4.1))),
            (t("高"), false, Err("高".into())),
        ];
        for (cell, fractions, want) in cases {
            assert_eq!(percent(&cell, fractions), want, "{cell:?}");
        }
    }

    #[test]
    fn count_and_flag_cases() {
        assert_eq!(count(&t("5件")), Ok(Some(5)));
        assert_eq!(count(&n(12.0)), Ok(Some(12)));
        assert_eq!(count(&t(" 7 ")), Ok(Some(7)));
        type Flag = Result<(bool, Option<i64>), String>;
        let flags: Vec<(Cell, Flag)> = vec![
            (t("是"), Ok((true, None))),
            (t("否"), Ok((false, None))),
            (t("√"), Ok((true, None))),
            (t("✓"), Ok((true, None))),
            (t("×"), Ok((false, None))),
            (t("Y"), Ok((true, None))),
            (t("n"), Ok((false, None))),
            (t("TRUE"), Ok((true, None))),
            (Cell { value: CellValue::Bool(false), ..Default::default() }, Ok((false, None))),
            (Cell::default(), Ok((false, None))),
            (t("是（2021年）"), Ok((true, Some(2021)))),
            (n(2020.0), Ok((true, Some(2020)))),
            (t("待定"), Err("待定".into())),
        ];
        for (cell, want) in flags {
            assert_eq!(flag(&cell), want, "{cell:?}");
        }
    }

    #[test]
    fn date_cases() {
        let cases: Vec<(Cell, Option<&str>)> = vec![
            (Cell { value: CellValue::Date("2012-08-15".into()), ..Default::default() }, Some("2012-08-15")),
            (n(41136.0), Some("2012-08-15")),
            (t("2012年8月"), Some("2012-08")),
            (t("2012.8"), Some("2012-08")),
            (n(2012.8), Some("2012-08")),
            (t("2012/8/15"), Some("2012-08-15")),
            (t("2012年8月15日"), Some("2012-08-15")),
            (t("20120815"), Some("2012-08-15")),
            (n(2012.0), Some("2012")),
            (t("２０１２－０８"), Some("2012-08")),
        ];
        for (cell, want) in cases {
            assert_eq!(date(&cell).unwrap().as_deref(), want, "{cell:?}");
        }
        assert_eq!(year(&t("2021年")), Ok(Some(2021)));
    }
}
