use super::squad;
use crate::checkpoint::NameError;
use crate::limits::MAX_NAME_CHARS;
use crate::room::{
    AdmitError, CODE_BYTES, JoinError, Joined, MAX_WAITING, Room, Seat, TOKEN_BYTES,
};

fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[test]
fn a_participant_joins_in_any_case_under_the_checkpoints_spelling() {
    let c = squad();
    let mut room = Room::open().unwrap();
    let joined = room.join("  aNA ", &c).unwrap();
    assert!(matches!(&joined, Joined::Voter { name, .. } if name == "Ana"));
    assert_eq!(room.voter(joined.token()), Some("Ana"));
    assert_eq!(
        room.seat(joined.token()),
        Some(&Seat::Voter("Ana".to_string()))
    );
    assert_eq!(room.voters(), ["Ana"]);
    assert_eq!(room.voter("not-a-token"), None);
}

#[test]
fn a_taken_name_is_refused_until_the_facilitator_allows_a_second_once() {
    let c = squad();
    let mut room = Room::open().unwrap();
    let first = room.join("Ana", &c).unwrap();
    assert_eq!(
        room.join("ANA", &c),
        Err(JoinError::Taken("Ana".to_string()))
    );
    room.allow_second("ana");
    let second = room.join("ana", &c).unwrap();
    assert_ne!(first.token(), second.token());
    assert_eq!(
        room.voter(first.token()),
        Some("Ana"),
        "the first still votes"
    );
    assert_eq!(room.voter(second.token()), Some("Ana"));
    assert_eq!(room.voters(), ["Ana"], "one voter, two devices");
    assert!(
        matches!(room.join("Ana", &c), Err(JoinError::Taken(_))),
        "a second, not a third"
    );
    // A lost device: the facilitator takes its seats back, and the name joins afresh.
    assert_eq!(room.forget("Ana"), 2);
    assert_eq!(room.voter(first.token()), None);
    assert_eq!(room.voter(second.token()), None);
    let again = room.join("Ana", &c).unwrap();
    assert_eq!(room.voter(again.token()), Some("Ana"));
}

#[test]
fn a_name_not_on_the_list_waits_until_admitted() {
    let mut c = squad();
    let mut room = Room::open().unwrap();
    let joined = room.join(" Dee ", &c).unwrap();
    assert_eq!(
        joined,
        Joined::Waiting {
            token: joined.token().to_string(),
            name: "Dee".to_string()
        }
    );
    assert_eq!(room.voter(joined.token()), None, "no vote before admission");
    assert_eq!(
        room.seat(joined.token()),
        Some(&Seat::Waiting("Dee".into()))
    );
    assert_eq!(room.waiting(), ["Dee"]);
    assert!(matches!(room.join("DEE", &c), Err(JoinError::Taken(_))));
    assert!(!c.participants.iter().any(|p| p == "Dee"));

    assert_eq!(room.admit("Dee", &mut c), Ok("Dee".to_string()));
    assert_eq!(c.participants, ["Ana", "Ben", "Cy", "Dee"]);
    assert_eq!(room.voter(joined.token()), Some("Dee"));
    assert!(room.waiting().is_empty());
    assert_eq!(
        room.admit("Dee", &mut c),
        Err(AdmitError::NotWaiting("Dee".into()))
    );
}

#[test]
fn admitting_a_name_the_facilitator_added_meanwhile_adds_no_second_participant() {
    let mut c = squad();
    let mut room = Room::open().unwrap();
    let joined = room.join("dee", &c).unwrap();
    c.add_participant("Dee").unwrap();
    assert_eq!(room.admit("dee", &mut c), Ok("Dee".to_string()));
    assert_eq!(c.participants, ["Ana", "Ben", "Cy", "Dee"]);
    assert_eq!(room.voter(joined.token()), Some("Dee"));
}

#[test]
fn a_turned_away_name_loses_its_seat() {
    let c = squad();
    let mut room = Room::open().unwrap();
    let joined = room.join("Mallory", &c).unwrap();
    assert_eq!(room.forget("Mallory"), 1);
    assert_eq!(room.seat(joined.token()), None);
    assert!(room.waiting().is_empty());
}

#[test]
fn hostile_names_are_refused_and_take_no_seat() {
    let c = squad();
    let mut room = Room::open().unwrap();
    for name in [
        "",
        "   ",
        "\x1b[31mAna",
        "Ana\u{202e}",
        "Z\u{200b}ed",
        "Ben\nCy",
        "Dee\u{7}",
    ] {
        let err = room.join(name, &c).unwrap_err();
        assert!(matches!(err, JoinError::Name(_)), "{name:?}: {err:?}");
        let shown = err.to_string();
        assert!(!shown.chars().any(crate::text::is_unsafe), "{shown:?}");
    }
    assert!(room.waiting().is_empty() && room.voters().is_empty());
    // Markup is text: it waits to be admitted as typed, for the page to escape.
    let markup = "<img src=x onerror=alert(1)>";
    let joined = room.join(markup, &c).unwrap();
    assert_eq!(joined.name(), markup);
    assert_eq!(room.waiting(), [markup]);
}

#[test]
fn oversized_names_are_refused_with_a_short_message() {
    let c = squad();
    let mut room = Room::open().unwrap();
    let longest = "a".repeat(MAX_NAME_CHARS);
    assert!(room.join(&longest, &c).is_ok());
    let err = room.join(&"b".repeat(MAX_NAME_CHARS + 1), &c).unwrap_err();
    assert!(
        matches!(err, JoinError::Name(NameError::TooLong(_))),
        "{err:?}"
    );
    let err = room.join(&"c".repeat(1_000_000), &c).unwrap_err();
    assert!(err.to_string().len() < 300, "{}", err.to_string().len());
    assert_eq!(room.waiting().len(), 1);
}

#[test]
fn the_waiting_list_is_capped_but_participants_still_join() {
    let c = squad();
    let mut room = Room::open().unwrap();
    for i in 0..MAX_WAITING {
        room.join(&format!("guest {i}"), &c).unwrap();
    }
    assert_eq!(room.join("one too many", &c), Err(JoinError::Full));
    assert_eq!(room.waiting().len(), MAX_WAITING);
    assert_eq!(room.waiting()[0], "guest 0", "in the order they came");
    assert!(room.join("Cy", &c).is_ok());
}

#[test]
fn codes_and_tokens_are_random_hex_of_their_length_and_unique() {
    let codes: std::collections::HashSet<String> = (0..200)
        .map(|_| Room::open().unwrap().code().to_string())
        .collect();
    assert_eq!(codes.len(), 200);
    for code in &codes {
        assert_eq!(code.len(), 16, "64 bits in hex");
        assert_eq!(code.len(), CODE_BYTES * 2);
        assert!(is_lower_hex(code), "{code}");
    }
    let c = squad();
    let mut room = Room::open().unwrap();
    let mut tokens = std::collections::HashSet::new();
    for _ in 0..200 {
        room.allow_second("Ana");
        let token = room.join("Ana", &c).unwrap().token().to_string();
        assert_eq!(token.len(), 32, "128 bits in hex");
        assert_eq!(token.len(), TOKEN_BYTES * 2);
        assert!(is_lower_hex(&token), "{token}");
        assert_ne!(token, room.code());
        tokens.insert(token);
    }
    assert_eq!(tokens.len(), 200);
}

#[test]
fn only_the_rooms_own_code_opens_it() {
    let room = Room::open().unwrap();
    let code = room.code().to_string();
    assert!(room.is_code(&code));
    assert!(!room.is_code(&code[..15]));
    assert!(!room.is_code(&format!("{code}0")));
    assert!(!room.is_code(&code.to_uppercase()) || code.bytes().all(|b| b.is_ascii_digit()));
    assert!(!room.is_code(""));
    let mut wrong = code.into_bytes();
    wrong[15] = if wrong[15] == b'0' { b'1' } else { b'0' };
    assert!(!room.is_code(std::str::from_utf8(&wrong).unwrap()));
}

#[test]
fn seats_follow_a_renamed_participant() {
    let c = squad();
    let mut room = Room::open().unwrap();
    let joined = room.join("Ana", &c).unwrap();
    room.rename("Ana", "Anna");
    assert_eq!(room.voter(joined.token()), Some("Anna"));
}
