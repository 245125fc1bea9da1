#!/usr/bin/env python3
# The comparison for `pacesetter bench --pandas`: the same county sheet imported the way an IT
# person would script it (pandas.read_excel + sqlite3) and exported with xlsxwriter; prints JSON times.
import argparse
import json
import re
import sqlite3
import time
import unicodedata

import pandas as pd
import xlsxwriter

COLUMNS = {
    "企业名称": "name", "统一社会信用代码": "uscc", "所在县区": "county", "所属集群": "cluster",
    "法人代表": "legal_rep", "联系人": "contact", "联系电话": "phone", "成立日期": "founded",
    "注册资金": "registered_capital_wan", "主营业务收入": "revenue_wan", "利润总额": "profit_wan",
    "研发费用": "rd_expense_wan", "研发投入占比": "rd_ratio_pct", "有效发明专利": "invention_patents",
    "拟上市板块": "target_board", "上市进展": "listing_stage", "是否专精特新": "specialized",
    "小巨人": "little_giant", "高新技术企业": "high_tech", "备注": "notes",
}
COUNTY_FIXES = {"任县": "任泽区", "南和县": "南和区", "桥东区": "襄都区", "桥西区": "信都区"}
FLAGS = {"是": 1, "√": 1, "否": 0, "×": 0}
HEADERS = ["序号", "企业名称", "统一社会信用代码", "县（市、区）", "特色产业集群", "法定代表人", "联系人", "联系电话",
           "注册资本（万元）", "数据年度", "营业收入（万元）", "利润总额（万元）", "研发投入（万元）", "研发投入占比（%）",
           "有效发明专利（件）", "拟上市板块", "上市进度", "专精特新", "专精特新“小巨人”", "高新技术企业"]


def clean(v):
    if not isinstance(v, str):
        return v
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", v)) or None


def county(v):
    v = clean(v)
    if not v:
        return None
    v = v.replace("邢台市", "")
    v = COUNTY_FIXES.get(v, v)
    if not v.endswith(("县", "区", "市")):
        v += "县"
    return v


def number(v):
    if isinstance(v, str):
        v = v.replace(",", "").replace("%", "").strip()
        try:
            return float(v)
        except ValueError:
            return None
    return None if pd.isna(v) else float(v)


def do_import(path, db):
    df = pd.read_excel(path, header=2, dtype=object)
    df = df.rename(columns=COLUMNS)
    df = df[df["uscc"].notna() & df["name"].notna()]
    df = df[~df["name"].astype(str).str.contains("小计|合计|填表人")]
    df["uscc"] = df["uscc"].map(lambda s: clean(str(s)).upper())
    df["name"] = df["name"].map(clean)
    df["county"] = df["county"].map(county)
    for c in ["cluster", "legal_rep", "contact", "phone", "target_board", "listing_stage", "notes"]:
        df[c] = df[c].map(clean)
    for c in ["registered_capital_wan", "revenue_wan", "profit_wan", "rd_expense_wan", "rd_ratio_pct", "invention_patents"]:
        df[c] = df[c].map(number)
    for c in ["specialized", "little_giant", "high_tech"]:
        df[c] = df[c].map(lambda v: FLAGS.get(clean(v)) if isinstance(v, str) else None)
    df["founded"] = df["founded"].map(lambda v: str(v)[:10] if not pd.isna(v) else None)
    df = df.drop_duplicates("uscc")
    con = sqlite3.connect(db)
    con.executescript(
        """CREATE TABLE IF NOT EXISTS enterprises(id INTEGER PRIMARY KEY, uscc TEXT UNIQUE, name TEXT, county TEXT,
             cluster TEXT, legal_rep TEXT, contact TEXT, phone TEXT, founded TEXT, registered_capital_wan REAL,
             target_board TEXT, listing_stage TEXT, specialized INT, little_giant INT, high_tech INT, notes TEXT);
           CREATE TABLE IF NOT EXISTS enterprise_figures(enterprise_id INT, year INT, revenue_wan REAL, profit_wan REAL,
             rd_expense_wan REAL, rd_ratio_pct REAL, invention_patents INT, PRIMARY KEY(enterprise_id, year));"""
    )
    base = ["uscc", "name", "county", "cluster", "legal_rep", "contact", "phone", "founded", "registered_capital_wan",
            "target_board", "listing_stage", "specialized", "little_giant", "high_tech", "notes"]
    records = df[base].astype(object).where(df[base].notna(), None).values.tolist()
    with con:
        con.executemany(
            f"INSERT INTO enterprises({','.join(base)}) VALUES ({','.join('?' * len(base))}) "
            f"ON CONFLICT(uscc) DO UPDATE SET {','.join(f'{c}=excluded.{c}' for c in base[1:])}",
            records,
        )
        ids = dict(con.execute("SELECT uscc, id FROM enterprises"))
        figs = ["revenue_wan", "profit_wan", "rd_expense_wan", "rd_ratio_pct", "invention_patents"]
        rows = [[ids[u], 2025] + r for u, r in zip(df["uscc"], df[figs].astype(object).where(df[figs].notna(), None).values.tolist())]
        con.executemany("INSERT OR REPLACE INTO enterprise_figures VALUES (?,?,?,?,?,?,?)", rows)
    con.close()
    return len(records)


def do_export(db, out):
    con = sqlite3.connect(db)
    rows = con.execute(
        """SELECT e.name, e.uscc, e.county, e.cluster, e.legal_rep, e.contact, e.phone, e.registered_capital_wan,
                  f.year, f.revenue_wan, f.profit_wan, f.rd_expense_wan, f.rd_ratio_pct, f.invention_patents,
                  e.target_board, e.listing_stage, e.specialized, e.little_giant, e.high_tech
           FROM enterprises e LEFT JOIN enterprise_figures f ON f.enterprise_id = e.id
             AND f.year = (SELECT max(year) FROM enterprise_figures g WHERE g.enterprise_id = e.id)
           ORDER BY e.county, e.id"""
    ).fetchall()
    con.close()
    wb = xlsxwriter.Workbook(out)
    ws = wb.add_worksheet("企业名单")
    title = wb.add_format({"font_name": "方正小标宋简体", "font_size": 20, "align": "center", "valign": "vcenter"})
    head = wb.add_format({"font_name": "黑体", "font_size": 12, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    body = wb.add_format({"font_name": "仿宋", "font_size": 12, "border": 1, "valign": "vcenter"})
    money = wb.add_format({"font_name": "仿宋", "font_size": 12, "border": 1, "valign": "vcenter", "num_format": "#,##0.00"})
    ws.merge_range(0, 0, 0, len(HEADERS) - 1, "邢台市特色产业集群“领跑者”企业培育库企业名单", title)
    ws.write_row(2, 0, HEADERS, head)
    ws.repeat_rows(2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    for i, r in enumerate(rows):
        values = [i + 1] + list(r[:16]) + [{1: "是", 0: "否"}.get(v, "") for v in r[16:]]
        for c, v in enumerate(values):
            ws.write(3 + i, c, "" if v is None else v, money if isinstance(v, float) else body)
    wb.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xlsx")
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()
    n = do_import(a.xlsx, a.db)
    t1 = time.perf_counter()
    do_export(a.db, a.out)
    t2 = time.perf_counter()
    print(json.dumps({"import_s": t1 - t0, "export_s": t2 - t1, "rows": n}))


if __name__ == "__main__":
    main()
