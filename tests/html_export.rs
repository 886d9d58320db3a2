//! `checkpoint export --format html` in a real browser: headless Chromium (one process for this
//! test binary, its own profile and port) opens the page from a file and reads its tables as a
//! user pasting them into Confluence would get them: header cells, rows, the level's lozenge;
//! nothing fetched from the network, and a squad name with markup stays text.

use std::path::Path;

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::Checkpoint;
use checkpoint::export::{Form, page};
use checkpoint::history::History;
use serde_json::Value;

#[path = "harness/browser.rs"]
mod browser;
use browser::Browser;

/// One browser for every case, killed when the test ends.
#[test]
fn the_html_page_in_a_real_browser() {
    let mut chromium = Browser::start();
    the_partner_tooling_tables_have_header_rows_and_every_row(&mut chromium);
    markup_in_a_squad_name_is_text_in_the_browser(&mut chromium);
    the_organisations_report_in_the_browser(&mut chromium);
}

/// `checkpoint report --format html` of a store of two tribes: the squads and the heatmap as
/// tables with header rows, the levels by tribe as an SVG, nothing fetched.
fn the_organisations_report_in_the_browser(chromium: &mut Browser) {
    use checkpoint::report::{Options, Report, Targets, html};
    let catalog = Catalog::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = checkpoint::checkpoint::Store::new(dir.path());
    let (_, template, _) = fixture();
    for (squad, tribe) in [
        ("Alpha", "Payments"),
        ("Beta", "Payments"),
        ("<b>Gamma</b>", "Search"),
    ] {
        let mut c = template.clone();
        c.squad = squad.to_string();
        c.tribe = tribe.to_string();
        c.published = None;
        store.save_new(&c).unwrap();
    }
    let options = Options {
        tribe: None,
        since: None,
        today: jiff::civil::date(2023, 2, 1),
        stale_months: checkpoint::report::STALE_MONTHS,
    };
    let report = Report::gather(
        &[dir.path().to_path_buf()],
        &catalog,
        &Targets::default(),
        &options,
    );
    let page = html::render(&report, "every squad");
    let seen = tables(chromium, &page, "report");
    assert_eq!(seen["network"], 0, "{seen}");
    let squads = find(&seen, "Tribe");
    assert_eq!(squads["rows"].as_array().unwrap().len(), 3, "{seen}");
    assert_eq!(
        squads["rows"][2][1], "<b>Gamma</b>",
        "markup stays text: {seen}"
    );
    let heatmap = find(&seen, "Squad");
    let head: Vec<&str> = heatmap["head"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h.as_str())
        .collect();
    assert_eq!(
        head.len(),
        1 + 3 + 3,
        "squad, three sections, three phases: {head:?}"
    );
    assert_eq!(heatmap["rows"].as_array().unwrap().len(), 3);
    assert!(seen["lozenges"].as_array().unwrap().len() >= 9, "{seen}");
    let svg = chromium_svg_bars(chromium, &page);
    assert_eq!(svg, 2, "one bar per tribe with squads at a level");
}

/// How many level bars the report's SVG draws (rects with a title).
fn chromium_svg_bars(browser: &mut Browser, html: &str) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bars.html");
    std::fs::write(&file, html).unwrap();
    let mut page = browser.open(&format!("file://{}", file.display()));
    page.wait_for(
        "the page",
        "location.pathname.endsWith('bars.html') && document.readyState === 'complete'",
    );
    page.eval("document.querySelectorAll('svg rect title').length")
        .as_u64()
        .unwrap()
}

/// The tables of `html` as the browser lays them out: per table, its header cells' text, its
/// header column (the first cell of each row, when a header cell) and its body rows' cell texts.
fn tables(browser: &mut Browser, html: &str, tag: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{tag}.html"));
    std::fs::write(&file, html).unwrap();
    let mut page = browser.open(&format!("file://{}", file.display()));
    page.wait_for(
        "the page",
        "location.protocol === 'file:' && document.readyState === 'complete'",
    );
    page.eval(
        "JSON.stringify({
            title: document.title,
            network: performance.getEntriesByType('resource').length,
            scripts: document.scripts.length,
            injected: typeof window.pwned,
            lozenges: [...document.querySelectorAll('span.status')].map(s => [s.innerText, getComputedStyle(s).backgroundColor]),
            tables: [...document.querySelectorAll('table')].map(t => ({
                head: [...t.querySelectorAll('thead th')].map(c => c.innerText),
                column: [...t.querySelectorAll('tbody tr')].map(r => r.cells[0].tagName === 'TH' ? r.cells[0].innerText : null),
                rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.innerText)),
                border: getComputedStyle(t.querySelector('th, td')).borderTopStyle,
            })),
        })",
    )
    .as_str()
    .map(|s| serde_json::from_str(s).unwrap())
    .unwrap()
}

fn fixture() -> (Catalog, Checkpoint, History) {
    let catalog = Catalog::builtin().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/confluence/partner-tooling-2023-01-10.toml");
    let c = checkpoint::checkpoint::load(&path).unwrap();
    let history = History::load(path.parent().unwrap(), &catalog, &c, Some(&path));
    (catalog, c, history)
}

fn find<'a>(tables: &'a Value, first_header: &str) -> &'a Value {
    tables["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["head"][0] == first_header)
        .unwrap_or_else(|| panic!("a table headed {first_header}: {tables}"))
}

fn the_partner_tooling_tables_have_header_rows_and_every_row(chromium: &mut Browser) {
    let (catalog, c, history) = fixture();
    let html = page(
        &catalog,
        &c,
        "partner-tooling-2023-01-10",
        &history,
        Form::Html,
    )
    .unwrap()
    .0;
    let t = tables(chromium, &html, "partner");
    assert_eq!(t["title"], "Partner Tooling | 2023-01 | DevOps Checkpoint");
    assert_eq!(t["network"], 0, "nothing fetched");
    assert_eq!(t["scripts"], 0);

    // The overview: a header column, no header row.
    let overview = &t["tables"][0];
    assert_eq!(overview["head"], serde_json::json!([]));
    let names = overview["column"].as_array().unwrap();
    assert_eq!(names[0], "Squad");
    assert_eq!(overview["rows"][0][1], "Partner Tooling");
    assert!(names.iter().any(|n| n == "DevOps Maturity"), "{names:?}");
    assert_eq!(overview["border"], "solid", "inline styles draw the grid");

    let dora = find(&t, "Question");
    assert_eq!(
        dora["head"],
        serde_json::json!([
            "Question",
            "Squad answer",
            "Votes",
            "Mean",
            "Median",
            "Spread"
        ])
    );
    assert_eq!(dora["rows"].as_array().unwrap().len(), 4);

    let flow = find(&t, "#");
    assert_eq!(
        flow["head"],
        serde_json::json!(["#", "Stage", "Manual or automated", "Deployments fail"])
    );
    assert_eq!(flow["rows"].as_array().unwrap().len(), c.flow.len());
    assert_eq!(flow["rows"][3][1], "CDK tests");

    let improvements = find(&t, "Rank");
    assert_eq!(
        improvements["rows"].as_array().unwrap().len(),
        c.improvements.len()
    );
    assert!(
        improvements["rows"][0][1]
            .as_str()
            .unwrap()
            .starts_with("Alert on no events")
    );

    let capabilities = find(&t, "Capability");
    assert_eq!(capabilities["rows"].as_array().unwrap().len(), 3);

    let lozenges = t["lozenges"].as_array().unwrap();
    assert!(
        lozenges.iter().any(|l| l[0] == "ELITE"),
        "the level shows as a lozenge: {lozenges:?}"
    );
}

fn markup_in_a_squad_name_is_text_in_the_browser(chromium: &mut Browser) {
    let catalog = Catalog::builtin().unwrap();
    let name = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script> & Co";
    let mut c = Checkpoint::new(name, jiff::civil::date(2026, 3, 1));
    c.participants = vec!["Ana".into()];
    let html = page(&catalog, &c, "x", &History::default(), Form::Html)
        .unwrap()
        .0;
    let t = tables(chromium, &html, "hostile");
    assert_eq!(t["injected"], "undefined");
    assert_eq!(t["scripts"], 0);
    assert_eq!(t["tables"][0]["rows"][0][1], name);
    assert_eq!(
        t["title"],
        format!("{name} | 2026-03 | DevOps Checkpoint").as_str()
    );
}
