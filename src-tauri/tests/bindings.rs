//! The committed TypeScript bindings must match the Rust commands and DTOs.
//! `STAMMKUNDE_UPDATE_BINDINGS=1` rewrites them instead (what `make bindings` does).

use std::path::Path;

#[test]
fn generated_bindings_are_up_to_date() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(stammkunde_app::BINDINGS_PATH);
    if std::env::var_os("STAMMKUNDE_UPDATE_BINDINGS").is_some() {
        stammkunde_app::export_bindings(&committed).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    stammkunde_app::export_bindings(&fresh).unwrap();
    let fresh = std::fs::read_to_string(fresh).unwrap();
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == fresh,
        "ui/src/lib/api/bindings.ts is stale: run `make bindings` and commit the result"
    );
}
