//! A bounded fuzz run under plain `cargo test`: a deterministic mutation corpus (a fixed-seed
//! xorshift generator, no crate) over ballots, checkpoints, checklists and templates. Byte
//! flips, truncation, duplicated and deleted line ranges, deep nesting, huge numbers and long
//! strings. No case may panic or take a second, and no input file may change.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use checkpoint::ballot;
use checkpoint::checklist::{self, Catalog, Source};
use checkpoint::checkpoint::{load_with_text, verify};
use checkpoint::export::{Summary, markdown};

/// Cases per kind of input; the whole run stays well under a minute in a debug build.
const CASES: usize = 400;
/// The longest any one case may take.
const BUDGET: Duration = Duration::from_secs(1);

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const NUMBERS: [&str; 6] = [
    "4294967295",
    "18446744073709551616",
    "-1",
    "1e308",
    "-9223372036854775809",
    "0",
];
const BYTES: &[u8] = b"[]{}:-\"'\n#|>\\\t,&*!%@ \x00\xff";

/// One mutation of `text`, chosen by `rng`.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let at = rng.below(bytes.len() + 1);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(8) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(bytes.len());
                if let Some(b) = bytes.get_mut(i) {
                    *b = BYTES[rng.below(BYTES.len())];
                }
            }
        }
        1 => bytes.truncate(at),
        2 | 3 => {
            let start = rng.below(lines.len());
            let len = 1 + rng.below(40);
            let range: String = lines.iter().skip(start).take(len).copied().collect();
            let copies = if rng.below(2) == 0 { 1 } else { 200 };
            let insert = range.repeat(copies);
            if rng.below(2) == 0 {
                let end = (start + len).min(lines.len());
                let mut out: String = lines[..end].concat();
                out.push_str(&insert);
                out.push_str(&lines[end..].concat());
                return out;
            }
            let mut out: String = lines[..start].concat();
            out.push_str(&lines[(start + len).min(lines.len())..].concat());
            return out;
        }
        4 => {
            let depth = [70, 1_000, 40_000][rng.below(3)];
            let nest = match rng.below(3) {
                0 => format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
                1 => format!("{}x", "- ".repeat(depth)),
                _ => (0..depth.min(2_000))
                    .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                    .collect(),
            };
            bytes.splice(at..at, nest.into_bytes());
        }
        5 => {
            // A number, where a digit was.
            let digit = bytes.iter().skip(at).position(u8::is_ascii_digit);
            let i = digit.map_or(at, |d| at + d);
            let n = NUMBERS[rng.below(NUMBERS.len())];
            let end = (i..bytes.len())
                .find(|&j| !bytes[j].is_ascii_digit())
                .unwrap_or(bytes.len());
            bytes.splice(i..end.max(i), n.bytes());
        }
        6 => {
            let long =
                ["x", "é", "{{", "\\"][rng.below(4)].repeat([300, 10_000, 200_000][rng.below(3)]);
            bytes.splice(at..at, long.into_bytes());
        }
        _ => {
            let start = rng.below(lines.len());
            let len = 1 + rng.below(10);
            let mut out: String = lines[..start].concat();
            out.push_str(&lines[(start + len).min(lines.len())..].concat());
            return out;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs `case` on `CASES` mutations of each seed; returns the slowest (time, description).
fn run(
    kind: &str,
    seeds: &[String],
    rng: &mut Rng,
    mut case: impl FnMut(&str),
) -> Vec<(Duration, String)> {
    let mut times = Vec::new();
    for n in 0..CASES {
        let seed = &seeds[n % seeds.len()];
        let text = mutate(rng, seed);
        // FUZZ_TRACE=1 names each case before it runs: the last one named is the one that
        // aborted, should a case ever overflow the stack (which no test can catch).
        if std::env::var_os("FUZZ_TRACE").is_some() {
            eprintln!(
                "{kind} {n}: {:?}",
                text.chars().take(80).collect::<String>()
            );
        }
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| case(&text)));
        let took = start.elapsed();
        let head: String = text.chars().take(60).collect();
        assert!(
            outcome.is_ok(),
            "{kind} case {n} panicked; it starts {head:?}"
        );
        times.push((took, format!("{kind} case {n} ({} bytes)", text.len())));
    }
    times
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

#[test]
fn mutated_inputs_never_panic_hang_or_touch_their_files() {
    let catalog = Catalog::builtin().unwrap();
    let inputs: Vec<PathBuf> = [
        files("tests/fixtures/ballots", "yaml"),
        files("tests/fixtures/history", "toml"),
        files("checklists", "yaml"),
        vec![PathBuf::from("assets/summary.md.j2")],
    ]
    .concat();
    let before: Vec<String> = inputs.iter().map(|p| read(p)).collect();
    let mut rng = Rng(0x5EED_C0FF_EE15_900D);
    let mut times = Vec::new();

    let mut ballots: Vec<String> = files("tests/fixtures/ballots", "yaml")
        .iter()
        .map(|p| read(p))
        .collect();
    ballots.push(ballot::blank(&catalog).replace("participant: \"\"", "participant: Ana"));
    times.extend(run("ballot", &ballots, &mut rng, |text| {
        let _ = ballot::parse("fuzz.yaml", text, &catalog);
    }));

    let dir = tempfile::tempdir().unwrap();
    let checkpoints: Vec<String> = files("tests/fixtures/history", "toml")
        .iter()
        .map(|p| read(p))
        .collect();
    let scratch = dir.path().join("fuzz.toml");
    times.extend(run("checkpoint", &checkpoints, &mut rng, |text| {
        std::fs::write(&scratch, text).unwrap();
        if let Ok((c, text)) = load_with_text(&scratch)
            && verify(&scratch, &text, &c, &catalog).is_ok()
        {
            let _ = markdown::render(&Summary::new(&catalog, &c));
        }
    }));

    let builtin = Source::builtin();
    let names: Vec<String> = builtin.iter().map(|s| s.text.clone()).collect();
    let mut which = 0;
    times.extend(run("checklist", &names, &mut rng, |text| {
        let mut sources = Source::builtin();
        // The seed at this case's index is the one mutated: replace that file alone.
        let slot = which % sources.len();
        which += 1;
        sources[slot].text = text.to_string();
        let _ = checklist::from_sources(sources);
    }));

    let (fixture, _) = load_with_text(Path::new(
        "tests/fixtures/history/team-kilo-2026-11-20.toml",
    ))
    .unwrap();
    let summary = Summary::new(&catalog, &fixture);
    let templates = vec![markdown::TEMPLATE.to_string()];
    times.extend(run("template", &templates, &mut rng, |text| {
        let _ = markdown::render_with(&summary, "fuzz.j2", text);
    }));

    let after: Vec<String> = inputs.iter().map(|p| read(p)).collect();
    for ((path, b), a) in inputs.iter().zip(&before).zip(&after) {
        assert!(b == a, "{} was modified", path.display());
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    let slow: Vec<String> = times
        .iter()
        .take_while(|(t, _)| *t > BUDGET)
        .map(|(t, what)| format!("{what}: {t:?}"))
        .collect();
    let slowest: Vec<String> = times
        .iter()
        .take(5)
        .map(|(t, what)| format!("{what}: {t:?}"))
        .collect();
    assert!(
        slow.is_empty(),
        "cases over {BUDGET:?}:\n{}",
        slow.join("\n")
    );
    eprintln!("slowest: {}", slowest.join(", "));
}
