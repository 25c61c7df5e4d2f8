// The app's own commands (from the one list in src/command_list.rs) are declared here, so
// the capability files can grant each window exactly the commands it uses; anything not
// granted is refused by Tauri.
include!("src/command_list.rs");

macro_rules! names {
    (main: [$($a:ident :: $c:ident),* $(,)?], kiosk: [$($ka:ident :: $kc:ident),* $(,)?],
     lock: [$($la:ident :: $lc:ident),* $(,)?] $(,)?) => {
        &[$(stringify!($c),)* $(stringify!($kc),)* $(stringify!($lc),)*]
    };
}

const COMMANDS: &[&str] = app_commands!(names);

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
