//! The voter page in a real browser: headless Chromium (one process, started once) opens the
//! room link as three voters, each in a browser context of its own; they pick their names, vote
//! by tapping the scale, and the page shows each its own vote, then, once the facilitator
//! reveals, the distribution. A name with markup joins as text, never as HTML.

use checkpoint::checkpoint::Vote;

#[path = "harness/browser.rs"]
mod browser;
#[path = "harness/room.rs"]
mod room;

use browser::{Browser, Page};
use room::RoomProcess;

const LEAD_TIME: &str = "dora.lead-time";

/// Taps the button whose text is `label` (a name to pick, Join, a scale value's label).
fn tap(page: &mut Page, label: &str) {
    let label = serde_json::to_string(label).unwrap();
    page.wait_for(
        &format!("a button {label}"),
        &format!("[...document.querySelectorAll('button')].find(b => b.innerText.includes({label}) && !b.disabled)"),
    );
    page.eval(&format!(
        "[...document.querySelectorAll('button')].find(b => b.innerText.includes({label}) && !b.disabled).click()"
    ));
}

/// One browser for every case: CI starts Chromium once.
#[test]
fn the_voter_page_in_a_real_browser() {
    let mut chromium = Browser::start();
    three_voters_vote_and_see_the_votes_only_once_revealed(&mut chromium);
    a_name_with_markup_joins_as_text(&mut chromium);
}

fn three_voters_vote_and_see_the_votes_only_once_revealed(chromium: &mut Browser) {
    let room = RoomProcess::start(&["Ana", "Ben", "Cy"]);
    room.order("open", &format!(r#"{{"question":"{LEAD_TIME}"}}"#));
    let link = format!("http://{}/{}/", room.addr, room.code);

    let mut pages = Vec::new();
    for (name, vote) in [
        ("Ana", "Less than one day"),
        ("Ben", "Less than one hour"),
        ("Cy", "One day to one week"),
    ] {
        let mut page = chromium.open(&link);
        // Pick the name from the participants the page offers.
        tap(&mut page, name);
        page.wait_for("the question", "document.getElementById('question')");
        assert!(
            page.text().contains("Lead time for changes"),
            "{}",
            page.text()
        );
        tap(&mut page, vote);
        page.wait_for(
            "the vote to be taken",
            &format!(
                "document.getElementById('yours').innerText.includes({})",
                serde_json::to_string(vote).unwrap()
            ),
        );
        pages.push(page);
    }
    // Saved before each page heard back.
    let saved = room.on_disk();
    let votes = &saved.answers[LEAD_TIME].votes;
    assert_eq!(votes["Ana"], Vote::Value(5));
    assert_eq!(votes["Ben"], Vote::Value(6));
    assert_eq!(votes["Cy"], Vote::Value(4));

    // Everyone voted: the votes show on every page, live, without a reload.
    for page in &mut pages {
        page.wait_for(
            "the distribution",
            "document.getElementById('distribution')",
        );
        let text = page.text();
        assert!(text.contains("How the squad voted"), "{text}");
        assert!(text.contains("mean 5.0 · median 5.0 · spread 2"), "{text}");
    }

    // The next question: hidden again until revealed, though two of three voted.
    room.order("open", r#"{"question":"dora.deploy-frequency"}"#);
    for (page, value) in pages.iter_mut().zip(["On demand", "On demand"]) {
        page.wait_for(
            "the second question",
            "document.getElementById('question').innerText.includes('Deployment frequency')",
        );
        tap(page, value);
        page.wait_for(
            "the vote to be taken",
            "document.getElementById('yours').innerText.includes('On demand')",
        );
    }
    let cy = &mut pages[2];
    cy.wait_for(
        "two of three voted",
        "document.body.innerText.includes('Votes 2 of 3')",
    );
    assert!(cy.eval("document.getElementById('distribution')").is_null());
    // The list says who voted, not what.
    let voted = cy.eval("document.getElementById('voted').innerText");
    let voted = voted.as_str().unwrap();
    assert_eq!(voted.matches("● voted").count(), 2, "{voted}");
    assert!(!voted.contains('6'), "{voted}");
    room.order(
        "reveal",
        r#"{"question":"dora.deploy-frequency","shown":true}"#,
    );
    cy.wait_for("the reveal", "document.getElementById('distribution')");
    assert!(cy.text().contains("Votes (shown)"), "{}", cy.text());
}

fn a_name_with_markup_joins_as_text(chromium: &mut Browser) {
    let room = RoomProcess::start(&["Ana"]);
    let link = format!("http://{}/{}/", room.addr, room.code);
    let mut page = chromium.open(&link);
    page.wait_for("the join form", "document.getElementById('name')");
    let hostile = "<img src=x onerror=window.pwned=1>";
    page.eval(&format!(
        "document.getElementById('name').value = {}; document.getElementById('join').click()",
        serde_json::to_string(hostile).unwrap()
    ));
    page.wait_for(
        "waiting to be let in",
        "document.body.innerText.includes('Waiting to be let in')",
    );
    assert!(page.text().contains(hostile), "{}", page.text());
    assert!(page.eval("document.querySelector('main img')").is_null());
    assert!(page.eval("window.pwned").is_null());
}
