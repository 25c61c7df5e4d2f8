//! The survey answer intake: the answers as the kiosk window sends them (JSON), checked
//! against each of the shop's survey templates, complete or partial.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::surveys::answers::{self, Answer};
use stammkunde::surveys::shop;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, json)) = data.split_first() else {
        return;
    };
    let Ok(given) = serde_json::from_slice::<Vec<Answer>>(json) else {
        return;
    };
    let store = stammkunde_fuzz::shop();
    let Ok(templates) = shop::templates(&store) else {
        return;
    };
    for t in &templates {
        let _ = answers::check_response(&t.template, &given, flags & 1 == 1);
        for (question, answer) in t.template.questions.iter().zip(&given) {
            let _ = answers::check(question, answer);
        }
    }
});
