//! The owner of the checkpoint answers the network's asks: saved before acknowledged, refused
//! without a trace, published for readers.

use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use super::{catalog, squad};
use crate::checkpoint::{Store, Vote};
use crate::room::{
    Ask, Done, Envelope, Failure, Happened, Order, Outcome, Owner, Phase, Published, Refused, Room,
    RoomRequest,
};
use crate::workshop::Workshop;

/// An owner over a saved three-person workshop on `dora.lead-time`, with every snapshot it
/// publishes collected.
struct Fixture {
    owner: Owner,
    inbox: mpsc::Sender<Envelope>,
    work: Workshop,
    store: Store,
    published: Arc<Mutex<Vec<Arc<Published>>>>,
    _dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("home"));
        let mut work = Workshop::draft(squad(), Instant::now());
        work.save(&store).unwrap();
        let (mut owner, inbox) = Owner::new(Room::open().unwrap(), Arc::new(catalog().clone()));
        let published = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&published);
        owner.set_publisher(Box::new(move |p| sink.lock().unwrap().push(p)));
        owner.publish(&work);
        Fixture {
            owner,
            inbox,
            work,
            store,
            published,
            _dir: dir,
        }
    }

    /// Sends `ask` and serves it: what it got.
    fn ask(&mut self, ask: Ask) -> Outcome {
        let (send, answer) = mpsc::channel();
        let reply = Box::new(move |outcome| send.send(outcome).unwrap());
        self.inbox.send(Envelope { ask, reply }).unwrap();
        self.owner.serve(&mut self.work, &self.store);
        answer.recv().unwrap()
    }

    fn join(&mut self, name: &str) -> String {
        let name = name.to_string();
        match self.ask(Ask::Join { name }) {
            Ok(Done::Joined(joined)) => joined.token().to_string(),
            other => panic!("join: {other:?}"),
        }
    }

    fn vote(&mut self, token: &str, question: &str, value: Option<Vote>) -> Outcome {
        let question = question.to_string();
        let request = RoomRequest::Vote { question, value };
        let token = token.to_string();
        self.ask(Ask::Voter { token, request })
    }

    /// The checkpoint as the file on disk holds it.
    fn on_disk(&self) -> crate::checkpoint::Checkpoint {
        crate::checkpoint::load(self.work.path.as_deref().unwrap()).unwrap()
    }

    fn revisions(&self) -> Vec<u64> {
        let published = self.published.lock().unwrap();
        published.iter().map(|p| p.revision).collect()
    }
}

#[test]
fn a_vote_is_on_disk_before_it_is_acknowledged() {
    let mut f = Fixture::new();
    let ana = f.join("ana");
    let (send, answer) = mpsc::channel();
    let reply: crate::room::Reply = {
        // The reply reads the file at the moment it is called: the vote must be there.
        let path = f.work.path.clone().unwrap();
        Box::new(move |outcome: Outcome| {
            let on_disk = crate::checkpoint::load(&path).unwrap();
            send.send((outcome, on_disk)).unwrap();
        })
    };
    let request = RoomRequest::Vote {
        question: "dora.lead-time".into(),
        value: Some(Vote::Value(4)),
    };
    let ask = Ask::Voter {
        token: ana,
        request,
    };
    f.inbox.send(Envelope { ask, reply }).unwrap();
    let served = f.owner.serve(&mut f.work, &f.store);
    let (outcome, on_disk) = answer.recv().unwrap();
    let votes = &on_disk.answer("dora.lead-time").unwrap().votes;
    assert_eq!(votes.get("Ana"), Some(&Vote::Value(4)));
    let Ok(Done::State { revision, state }) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(revision, *f.revisions().last().unwrap(), "published first");
    let Phase::Vote(ballot) = state.phase else {
        panic!("on a question")
    };
    assert_eq!(ballot.your_vote, Some(Vote::Value(4)));
    assert_eq!(
        served.happened,
        [Happened::Voted {
            name: "Ana".into(),
            question: "dora.lead-time".into(),
            shown_now: false
        }]
    );
}

#[test]
fn a_refused_or_idle_request_changes_and_publishes_nothing() {
    let mut f = Fixture::new();
    let ben = f.join("Ben");
    let before = f.revisions();
    let outcome = f.vote(&ben, "dora.deploy-frequency", Some(Vote::Value(3)));
    assert_eq!(outcome, Err(Failure::Refused(Refused::NotOpen)));
    let outcome = f.vote(&ben, "dora.lead-time", Some(Vote::Value(9)));
    assert!(matches!(
        outcome,
        Err(Failure::Refused(Refused::OffScale { value: 9, .. }))
    ));
    assert!(
        f.vote(&ben, "dora.lead-time", None).is_ok(),
        "nothing to clear"
    );
    assert_eq!(f.revisions(), before);
    assert_eq!(f.on_disk().answer("dora.lead-time"), None);
}

#[test]
fn unknown_and_waiting_tokens_cannot_vote_until_the_facilitator_admits() {
    let mut f = Fixture::new();
    let vote = Some(Vote::NotApplicable);
    assert_eq!(
        f.vote("feed", "dora.lead-time", vote),
        Err(Failure::UnknownToken)
    );
    let dee = f.join("Dee");
    assert_eq!(f.vote(&dee, "dora.lead-time", vote), Err(Failure::Waiting));
    let published = f.owner.current().unwrap();
    assert_eq!(published.facilitator_state().waiting, ["Dee"]);
    assert!(matches!(
        published.state(&dee).unwrap().phase,
        Phase::Admission
    ));

    let order = Order::Admit { name: "Dee".into() };
    let wrong = f.ask(Ask::Facilitator {
        token: "0".repeat(32),
        order: order.clone(),
    });
    assert_eq!(wrong, Err(Failure::UnknownToken), "no facilitator API yet");
    let token = f.owner.enable_facilitator().unwrap();
    let Ok(Done::Facilitator(state)) = f.ask(Ask::Facilitator { token, order }) else {
        panic!("admitted");
    };
    assert_eq!((state.voters, state.waiting.len()), (vec!["Dee".into()], 0));
    assert!(f.on_disk().participants.contains(&"Dee".to_string()));
    assert!(f.vote(&dee, "dora.lead-time", vote).is_ok());
}

#[test]
fn the_facilitator_opens_reveals_and_moves_and_the_file_follows() {
    let mut f = Fixture::new();
    let token = f.owner.enable_facilitator().unwrap();
    let order = |f: &mut Fixture, order| {
        let token = token.clone();
        f.ask(Ask::Facilitator { token, order })
    };
    let open = Order::Open {
        question: "baseline.culture.safety".into(),
    };
    let Ok(Done::Facilitator(state)) = order(&mut f, open) else {
        panic!("opened");
    };
    assert_eq!(
        (state.part.as_str(), state.question.as_str()),
        ("baseline", "baseline.culture.safety")
    );
    assert_eq!(f.on_disk().session.question, "baseline.culture.safety");
    let reveal = Order::Reveal {
        question: "baseline.culture.safety".into(),
        shown: true,
    };
    assert!(order(&mut f, reveal).is_ok());
    assert!(f.on_disk().is_revealed("baseline.culture.safety"));
    let nowhere = Order::Open {
        question: "no.such".into(),
    };
    assert!(matches!(order(&mut f, nowhere), Err(Failure::Order(_))));
    let part = Order::Part {
        part: "improvements".into(),
    };
    assert!(order(&mut f, part).is_ok());
    assert_eq!(f.on_disk().session.part, "improvements");
}

#[test]
fn a_failed_save_is_never_acknowledged() {
    let mut f = Fixture::new();
    let cy = f.join("Cy");
    // A file where the store's directory was: the next save cannot write.
    std::fs::remove_dir_all(f.store.dir()).unwrap();
    std::fs::write(f.store.dir(), "in the way").unwrap();
    let outcome = f.vote(&cy, "dora.lead-time", Some(Vote::Value(2)));
    assert!(matches!(outcome, Err(Failure::Unsaved(_))), "{outcome:?}");
    assert!(f.work.unsaved.is_some());
    // Asked again once the disk is back: saved, then acknowledged.
    std::fs::remove_file(f.store.dir()).unwrap();
    assert!(f.vote(&cy, "dora.lead-time", Some(Vote::Value(2))).is_ok());
    let on_disk = f.on_disk();
    assert_eq!(
        on_disk.answer("dora.lead-time").unwrap().votes.get("Cy"),
        Some(&Vote::Value(2))
    );
}

#[test]
fn the_facilitators_own_changes_publish_once_each() {
    let mut f = Fixture::new();
    let before = f.revisions().len();
    f.owner.publish(&f.work);
    assert_eq!(f.revisions().len(), before, "nothing changed");
    f.work
        .checkpoint_mut()
        .vote("dora.lead-time", "Ana", Vote::Value(1));
    f.owner.publish(&f.work);
    f.owner.publish(&f.work);
    assert_eq!(f.revisions().len(), before + 1);
}
