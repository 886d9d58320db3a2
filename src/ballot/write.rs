//! Writing a blank ballot: the instructions, then every question asked with its scale and text
//! as comments, ready for one person to fill in.

use std::fmt::Write as _;

use crate::checklist::{Group, Kind, Question};

/// A blank ballot asking `groups`: the instructions, then `intro` (lines about what this
/// ballot holds), then each group's questions with their scales and texts as comments, and
/// under each part's heading the lines `notes` gives for its set id.
pub(super) fn write_blank(
    groups: &[Group],
    intro: &[String],
    notes: &dyn Fn(&str) -> Vec<String>,
    hand_in: &str,
) -> String {
    let mut out = String::new();
    out.push_str(
        "# DevOps Checkpoint ballot\n\
         #\n\
         # 1. Write your name after `participant:`.\n\
         # 2. Answer each question with a number from its scale, or n/a when you do not know or\n\
         #    it does not apply. When there is no data, make your best guess. Leave an answer\n\
         #    blank to skip the question.\n\
         # 3. Add notes for the facilitator under `notes:` as `<question id>: <text>`. Put a note\n\
         #    in double quotes when it holds `: ` or ` #`, or starts with one of\n\
         #    - ? : , [ ] { } # & * ! | > ' \" % @ `\n\
         #    as in  dora.lead-time: \"Counted from merge: not from push\"  (\\\" for a quote inside).\n",
    );
    let _ = writeln!(out, "# 4. {hand_in}");
    if !intro.is_empty() {
        out.push_str("#\n");
        for line in intro {
            let mut wrapped = String::new();
            comment(&mut wrapped, line);
            // The intro is at the top level, not under `votes:`.
            out.extend(wrapped.lines().map(|l| format!("{}\n", l.trim_start())));
        }
    }
    out.push_str("\nparticipant: \"\"\n\nvotes:\n");
    let mut part = "";
    for group in groups {
        if group.part != part {
            part = group.part;
            let _ = writeln!(out, "\n  # ==== {part} ====");
            for note in notes(group.set) {
                comment(&mut out, &note);
            }
        }
        if !group.title.is_empty() {
            let _ = writeln!(out, "\n  # ---- {} ----", group.title);
        }
        // One scale for the whole group is said once, above it.
        let scale_line = |q: &Question| {
            let labels = q.scale_labels();
            let pairs: Vec<String> = q
                .scale()
                .values()
                .zip(&labels)
                .map(|(v, l)| format!("{v} = {l}"))
                .collect();
            pairs.join(", ")
        };
        let shared = match group.questions.split_first() {
            Some((first, rest)) if first.kind != Kind::Choice => {
                let line = scale_line(first);
                rest.iter().all(|q| scale_line(q) == line).then_some(line)
            }
            _ => None,
        };
        if let Some(line) = &shared {
            comment(&mut out, &format!("Answer each with {line}, or n/a."));
        }
        for q in &group.questions {
            out.push('\n');
            let scale = format!("[{} {}]", q.kind.name(), q.scale());
            match &q.title {
                Some(title) => {
                    comment(&mut out, &format!("{title} {scale}"));
                    comment(&mut out, &q.text);
                }
                None => comment(&mut out, &format!("{} {scale}", q.text)),
            }
            if !q.examples.is_empty() {
                comment(&mut out, &format!("Examples: {}.", q.examples.join(", ")));
            }
            for tip in &q.tips {
                comment(&mut out, &format!("Tip: {tip}"));
            }
            if q.kind == Kind::Choice {
                for (v, label) in q.scale().values().zip(q.scale_labels()) {
                    comment(&mut out, &format!("  {v} = {label}"));
                }
            } else if shared.is_none() {
                comment(&mut out, &scale_line(q));
            }
            let _ = writeln!(out, "  {}:", q.id);
        }
    }
    let example = match groups.first().and_then(|g| g.questions.first()) {
        Some(q) if q.kind == Kind::Choice => {
            format!("{}: We guessed; nobody tracks this yet.", q.id)
        }
        Some(q) => format!("{}: A note for the facilitator.", q.id),
        None => "<question id>: A note for the facilitator.".to_string(),
    };
    let _ = write!(out, "\nnotes:\n  # {example}\n");
    out
}

/// Writes `text` as `  # ` comment lines wrapped at about 96 columns.
fn comment(out: &mut String, text: &str) {
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() + 1 > 90 {
            let _ = writeln!(out, "  # {indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "  # {indent}{line}");
}
