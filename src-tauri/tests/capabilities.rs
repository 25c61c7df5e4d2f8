//! The capability files grant exactly what the one command list says: the main window every
//! command of the app but the kiosk's and the lock screen's, the kiosk window only the
//! kiosk's three, the lock screen only its two. The list
//! itself feeds the handlers, the bindings and `build.rs`, so it cannot drift from them.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn granted(file: &str) -> (Vec<String>, BTreeSet<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("capabilities")
        .join(file);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let windows = json["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_owned())
        .collect();
    let permissions = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    (windows, permissions)
}

fn permissions(commands: &[&str]) -> BTreeSet<String> {
    commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect()
}

#[test]
fn the_main_window_is_granted_exactly_the_main_commands() {
    let (main, kiosk, lock) = stammkunde_app::COMMANDS;
    let (windows, granted) = granted("main.json");
    assert_eq!(windows, ["main"]);
    let wanted = permissions(main);
    let missing: Vec<_> = wanted.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&wanted).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "capabilities/main.json: missing {missing:?}, not in the command list {extra:?}"
    );
    assert!(permissions(kiosk).is_disjoint(&granted));
    assert!(permissions(lock).is_disjoint(&granted));
}

#[test]
fn the_kiosk_window_is_granted_only_the_kiosk_commands() {
    let (_, kiosk, _) = stammkunde_app::COMMANDS;
    assert_eq!(kiosk, ["kiosk_view", "kiosk_submit", "kiosk_exit"]);
    let (windows, granted) = granted("kiosk.json");
    assert_eq!(windows, ["kiosk"]);
    assert_eq!(granted, permissions(kiosk));
}

#[test]
fn the_lock_screen_is_granted_only_its_two_commands() {
    let (_, _, lock) = stammkunde_app::COMMANDS;
    assert_eq!(lock, ["lock_screen", "lock_unlock"]);
    let (windows, granted) = granted("lock.json");
    assert_eq!(windows, ["lock"]);
    assert_eq!(granted, permissions(lock));
}

#[test]
fn every_command_is_listed_once() {
    let (main, kiosk, lock) = stammkunde_app::COMMANDS;
    let all: Vec<&str> = main.iter().chain(kiosk).chain(lock).copied().collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "a command is listed twice");
}
