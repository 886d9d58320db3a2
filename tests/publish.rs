//! `checkpoint publish` against a local stand-in for Confluence (tests/harness/confluence.rs),
//! Cloud and Data Center: create, update with the version + 1, nothing sent when unchanged, a
//! page edited in Confluence since left alone unless --force, labels, a 429 retried as
//! Retry-After says, 401 and 409 explained, a dry run that prints and sends no write, and no
//! credential in any output or in the checkpoint file. This is a stand-in: the tool has not been
//! run against a real Confluence here.

use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use checkpoint::checkpoint::{load, save};

#[path = "harness/cli.rs"]
mod cli;
#[path = "harness/confluence.rs"]
mod confluence;

use cli::{Env, stderr, stdout};
use confluence::{SPACE_ID, Stand};

const EMAIL: &str = "varuna@partner.example";
const TOKEN: &str = "tok-SECRET-4f9a";
const NAME: &str = "partner-tooling-2023-01-10";
const TITLE: &str = "Partner Tooling | 2023-01 | DevOps Checkpoint";
const PARENT: &str = "Past DevOps checkpoints";

fn basic() -> String {
    let pair = format!("{EMAIL}:{TOKEN}");
    format!(
        "Basic {}",
        checkpoint::publish::http::base64(pair.as_bytes())
    )
}

/// A home holding seed 004's Partner Tooling checkpoint and its predecessor.
fn home() -> Env {
    let env = Env::new();
    env.copy_in("confluence");
    env
}

fn file(env: &Env) -> PathBuf {
    env.home().join(format!("{NAME}.toml"))
}

struct Site<'a> {
    env: &'a Env,
    vars: Vec<(&'static str, String)>,
}

impl Site<'_> {
    fn run(&self, extra: &[&str]) -> Output {
        let mut args = vec!["publish", NAME, "--parent", PARENT];
        if !extra.contains(&"--space") {
            args.extend(["--space", "DEV"]);
        }
        args.extend(extra);
        let vars: Vec<(&str, &str)> = self.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let out = self.env.run_with(&args, &vars);
        // No credential in any output or in the checkpoint, whatever happened.
        let text = std::fs::read_to_string(file(self.env)).unwrap();
        for secret in [TOKEN.to_string(), basic(), basic()[6..].to_string()] {
            for (what, s) in [
                ("stdout", stdout(&out)),
                ("stderr", stderr(&out)),
                ("checkpoint", text.clone()),
            ] {
                assert!(!s.contains(&secret), "{what} holds a credential:\n{s}");
            }
        }
        out
    }

    fn ok(&self, extra: &[&str]) -> (String, String) {
        let out = self.run(extra);
        assert!(out.status.success(), "publish failed: {}", stderr(&out));
        (stdout(&out), stderr(&out))
    }

    fn fails(&self, extra: &[&str]) -> String {
        let out = self.run(extra);
        assert!(
            !out.status.success(),
            "publish should fail: {}",
            stdout(&out)
        );
        stderr(&out)
    }
}

fn cloud<'a>(env: &'a Env, stand: &'a Stand) -> Site<'a> {
    Site {
        env,
        vars: vec![
            ("CONFLUENCE_URL", stand.url.clone()),
            ("CONFLUENCE_FLAVOUR", "cloud".into()),
            ("CONFLUENCE_EMAIL", EMAIL.into()),
            ("CONFLUENCE_TOKEN", TOKEN.into()),
        ],
    }
}

fn datacenter<'a>(env: &'a Env, stand: &'a Stand) -> Site<'a> {
    Site {
        env,
        vars: vec![
            ("CONFLUENCE_URL", stand.url.clone()),
            ("CONFLUENCE_TOKEN", TOKEN.into()),
        ],
    }
}

/// Adds a note to the checkpoint, as a later edit of the summary.
fn change(env: &Env, note: &str) {
    let mut c = load(&file(env)).unwrap();
    c.set_note("dora.lead-time", note);
    save(&file(env), &c).unwrap();
}

#[test]
fn cloud_creates_then_updates_with_the_next_version_and_sends_nothing_when_unchanged() {
    let env = home();
    let stand = Stand::start(&basic());
    let parent = stand.add_page(PARENT, "DEV");
    let site = cloud(&env, &stand);

    let (out, err) = site.ok(&[]);
    let page = stand.page(TITLE).expect("the page was created");
    assert_eq!(page.version, 1);
    assert_eq!(page.parent.as_deref(), Some(parent.as_str()));
    assert!(page.body.contains("ac:name=\"status\""), "storage format");
    let url = format!(
        "{}/wiki/spaces/DEV/pages/{}/{}",
        stand.url,
        page.id,
        TITLE.replace(' ', "+")
    );
    assert_eq!(out.trim(), url);
    assert!(err.contains("Created"), "{err}");
    let labels: Vec<&str> = page.labels.iter().map(String::as_str).collect();
    assert_eq!(labels, ["devops-checkpoint", "elite", "partner-tooling"]);
    let create = stand
        .seen()
        .into_iter()
        .find(|s| s.method == "POST" && s.target == "/wiki/api/v2/pages")
        .unwrap();
    assert_eq!(create.body["spaceId"], SPACE_ID);
    assert_eq!(create.body["title"], TITLE);
    assert_eq!(create.body["body"]["representation"], "storage");
    assert_eq!(create.authorization, basic());
    let (_, v, mark) = page.property.clone().unwrap();
    assert_eq!((v, mark["version"].as_u64()), (1, Some(1)));
    // The page is remembered in the checkpoint, which still loads.
    let text = std::fs::read_to_string(file(&env)).unwrap();
    assert!(
        text.contains(&format!("# confluence = {{ page = \"{}\"", page.id)),
        "{text}"
    );
    assert_eq!(load(&file(&env)).unwrap().published.unwrap().page, page.id);

    // The same summary again: reads only.
    let before = stand.seen().len();
    let (out, err) = site.ok(&[]);
    assert!(
        stand.writes_since(before).is_empty(),
        "{:?}",
        stand.writes_since(before)
    );
    assert!(err.contains("Unchanged"), "{err}");
    assert_eq!(out.trim(), url);
    assert!(
        stand.seen()[before..]
            .iter()
            .any(|s| s.target == format!("/wiki/api/v2/pages/{}", page.id)),
        "the recorded id is used"
    );

    // A changed summary: one PUT with the version + 1, the property follows.
    change(&env, "Measured from merge to prod.");
    let before = stand.seen().len();
    let (_, err) = site.ok(&[]);
    assert!(
        err.contains("Updated") && err.contains("version 2"),
        "{err}"
    );
    let writes = stand.writes_since(before);
    let put = writes
        .iter()
        .find(|s| s.target == format!("/wiki/api/v2/pages/{}", page.id))
        .unwrap();
    assert_eq!(put.method, "PUT");
    assert_eq!(put.body["version"]["number"], 2);
    assert!(
        put.body["body"]["value"]
            .as_str()
            .unwrap()
            .contains("Measured from merge to prod.")
    );
    let page = stand.page(TITLE).unwrap();
    assert_eq!(page.version, 2);
    assert_eq!(page.property.as_ref().unwrap().2["version"], 2);

    // Edited in Confluence since: refused, nothing written; --force replaces it.
    stand.edit_by_hand(TITLE);
    change(&env, "Another note.");
    let before = stand.seen().len();
    let err = site.fails(&[]);
    assert!(
        err.contains("edited in Confluence since") && err.contains("--force"),
        "{err}"
    );
    assert!(stand.writes_since(before).is_empty());
    let (_, err) = site.ok(&["--force"]);
    assert!(err.contains("version 4"), "{err}");
    assert!(
        !stand
            .page(TITLE)
            .unwrap()
            .body
            .contains("edited in Confluence")
    );
}

#[test]
fn data_center_uses_v1_a_bearer_token_ancestors_and_labels() {
    let env = home();
    let stand = Stand::start(&format!("Bearer {TOKEN}"));
    let parent = stand.add_page(PARENT, "DEV");
    let site = datacenter(&env, &stand);

    let (out, _) = site.ok(&[]);
    let page = stand.page(TITLE).unwrap();
    assert_eq!(
        out.trim(),
        format!("{}/pages/viewpage.action?pageId={}", stand.url, page.id)
    );
    let create = stand
        .seen()
        .into_iter()
        .find(|s| s.method == "POST" && s.target == "/rest/api/content")
        .unwrap();
    assert_eq!(create.body["ancestors"][0]["id"], parent);
    assert_eq!(create.body["space"]["key"], "DEV");
    assert_eq!(create.body["body"]["storage"]["representation"], "storage");
    assert!(page.labels.contains("partner-tooling") && page.labels.contains("devops-checkpoint"));

    let before = stand.seen().len();
    site.ok(&[]);
    assert!(stand.writes_since(before).is_empty(), "unchanged: no write");

    change(&env, "DC note.");
    let before = stand.seen().len();
    site.ok(&[]);
    let writes = stand.writes_since(before);
    let put = writes
        .iter()
        .find(|s| s.target == format!("/rest/api/content/{}", page.id))
        .unwrap();
    assert_eq!(put.body["version"]["number"], 2);
    let property = writes
        .iter()
        .find(|s| s.target == format!("/rest/api/content/{}/property/devops-checkpoint", page.id))
        .expect("the property is updated in place");
    assert_eq!(property.method, "PUT");
    assert_eq!(property.body["version"]["number"], 2);
}

#[test]
fn a_page_of_the_same_title_made_by_hand_is_not_replaced_without_force() {
    let env = home();
    let stand = Stand::start(&format!("Bearer {TOKEN}"));
    stand.add_page(TITLE, "DEV");
    let site = datacenter(&env, &stand);
    let err = site.fails(&[]);
    assert!(
        err.contains("did not write it") && err.contains("--force"),
        "{err}"
    );
    assert!(stand.writes_since(0).is_empty());
    site.ok(&["--force"]);
    assert!(!stand.page(TITLE).unwrap().body.contains("made by hand"));
}

#[test]
fn a_429_is_retried_after_the_time_confluence_asks() {
    let env = home();
    let stand = Stand::start(&basic());
    stand.add_page(PARENT, "DEV");
    stand.fail_next("POST", "/wiki/api/v2/pages", 429, Some(1));
    let start = Instant::now();
    let (_, err) = cloud(&env, &stand).ok(&[]);
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert!(
        err.contains("answered 429") && err.contains("trying again"),
        "{err}"
    );
    let posts = stand
        .seen()
        .iter()
        .filter(|s| s.method == "POST" && s.target == "/wiki/api/v2/pages")
        .count();
    assert_eq!(posts, 2);
    assert_eq!(stand.page(TITLE).unwrap().version, 1);
}

#[test]
fn refusals_and_failures_say_what_to_check() {
    let env = home();
    let stand = Stand::start("Bearer the-right-token");
    stand.add_page(PARENT, "DEV");
    let site = datacenter(&env, &stand);
    let err = site.fails(&[]);
    assert!(
        err.contains("401") && err.contains("CONFLUENCE_TOKEN"),
        "{err}"
    );

    let stand = Stand::start(&basic());
    stand.add_page(PARENT, "DEV");
    let site = cloud(&env, &stand);
    site.ok(&[]);
    change(&env, "raced");
    stand.fail_next("PUT", "/wiki/api/v2/pages/", 409, None);
    let err = site.fails(&[]);
    assert!(
        err.contains("409") && err.contains("changed while publishing"),
        "{err}"
    );

    stand.fail_next("GET", "/wiki/api/v2/spaces", 302, None);
    let err = site.fails(&[]);
    assert!(
        err.contains("redirects") && err.contains("CONFLUENCE_URL"),
        "{err}"
    );

    let err = site.fails(&["--space", "D V"]);
    assert!(err.contains("is not a space key"), "{err}");

    let err = site.fails(&["--space", "NOPE"]);
    assert!(err.contains("404") && err.contains("space"), "{err}");

    let mut gone = cloud(&env, &stand);
    gone.vars[0].1 = "http://127.0.0.1:9".into();
    let err = gone.fails(&[]);
    assert!(
        err.contains("cannot reach") && err.contains("CONFLUENCE_URL"),
        "{err}"
    );

    let mut plain = cloud(&env, &stand);
    plain.vars[0].1 = "http://wiki.partner.example".into();
    let err = plain.fails(&[]);
    assert!(err.contains("unencrypted"), "{err}");

    let mut none = datacenter(&env, &stand);
    none.vars.retain(|(k, _)| *k != "CONFLUENCE_TOKEN");
    let err = none.fails(&[]);
    assert!(err.contains("set CONFLUENCE_TOKEN"), "{err}");
}

#[test]
fn a_dry_run_prints_the_requests_and_writes_nothing() {
    let env = home();
    let stand = Stand::start(&basic());
    stand.add_page(PARENT, "DEV");
    let before = std::fs::read_to_string(file(&env)).unwrap();
    let (out, _) = cloud(&env, &stand).ok(&["--dry-run"]);
    assert!(stand.writes_since(0).is_empty(), "no write is sent");
    assert!(
        out.contains(&format!("POST {}/wiki/api/v2/pages\n", stand.url)),
        "{out}"
    );
    assert!(out.contains("Authorization: Basic <redacted>"), "{out}");
    assert!(out.contains(&format!("\"title\": \"{TITLE}\"")), "{out}");
    assert!(out.contains("\"representation\": \"storage\""), "{out}");
    assert!(
        out.contains(&format!(
            "POST {}/wiki/rest/api/content/NEW-PAGE-ID/label\n",
            stand.url
        )),
        "the labels it would add: {out}"
    );
    assert_eq!(
        std::fs::read_to_string(file(&env)).unwrap(),
        before,
        "the checkpoint is untouched"
    );
}

#[test]
fn the_organisations_report_is_published_on_its_own_page_and_left_alone_when_unchanged() {
    let env = home();
    let stand = Stand::start(&basic());
    let site = cloud(&env, &stand);
    let vars: Vec<(&str, &str)> = site.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let args = ["publish", "--report", "--space", "DEV"];
    let out = env.run_with(&args, &vars);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stand
        .page("DevOps Checkpoints | every squad")
        .expect("the report's page");
    assert!(page.body.contains("Partner Tooling"), "{}", page.body);
    assert!(
        page.body.contains("ac:name=\"status\""),
        "lozenges in the heatmap"
    );
    let labels: Vec<&str> = page.labels.iter().map(String::as_str).collect();
    assert_eq!(labels, ["devops-checkpoint", "devops-checkpoint-report"]);
    for secret in [TOKEN.to_string(), basic()] {
        assert!(!stdout(&out).contains(&secret) && !stderr(&out).contains(&secret));
    }
    // Published again with nothing new: found by its title, nothing written.
    let before = stand.seen().len();
    let out = env.run_with(&args, &vars);
    assert!(stderr(&out).contains("Unchanged"), "{}", stderr(&out));
    assert!(stand.writes_since(before).is_empty());
    // A checkpoint and --report together make no sense.
    let out = env.run_with(&["publish", NAME, "--report", "--space", "DEV"], &vars);
    assert!(!out.status.success());
}
