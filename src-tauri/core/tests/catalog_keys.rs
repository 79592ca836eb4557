//! Field keys made from labels follow one rule, shared with the UI: both
//! are held to the examples in `tests/fixtures/rules/key_from_label.json`.

use pilot_core::catalog::{is_key, key_from_label, KEY_MAX};
use serde::Deserialize;

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/rules/key_from_label.json"
);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    key_max: usize,
    examples: Vec<Example>,
}

#[derive(Deserialize)]
struct Example {
    label: String,
    key: String,
}

fn rule() -> Rule {
    let text = std::fs::read_to_string(EXAMPLES).expect("the shared examples are readable");
    serde_json::from_str(&text).expect("the shared examples are JSON of the expected shape")
}

#[test]
fn every_shared_example_label_gets_the_key_the_examples_give() {
    let wrong: Vec<String> = rule()
        .examples
        .iter()
        .filter_map(|e| {
            let made = key_from_label(&e.label);
            (made != e.key).then(|| format!("{:?}: made {made:?}, expected {:?}", e.label, e.key))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "keys differ from the shared rule:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_key_made_from_a_label_is_a_valid_key() {
    for e in rule().examples {
        assert!(is_key(&key_from_label(&e.label)), "{:?}", e.label);
    }
}

#[test]
fn the_key_length_limit_is_the_one_the_examples_give() {
    assert_eq!(rule().key_max, KEY_MAX);
}
