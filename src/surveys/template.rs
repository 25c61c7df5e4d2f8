//! Survey templates: questions of six kinds, required or optional, worded in German and
//! English, checked by field and question row. The two shipped templates come from here.

use crate::error::{Error, Field, FieldError, Issue, Result};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A text in both languages; English may be empty (German is shown then).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Text {
    pub de: String,
    pub en: String,
}

impl Text {
    pub fn new(de: &str, en: &str) -> Text {
        Text {
            de: de.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The text in `lang`, German when there is no English.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.de,
        }
    }
}

/// How a rating is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RatingStyle {
    #[default]
    Stars,
    Smileys,
}

/// What a question asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum QuestionKind {
    /// 0–10, "how likely are you to recommend us".
    Nps,
    /// 1–5.
    Rating {
        style: RatingStyle,
    },
    SingleChoice {
        options: Vec<Text>,
    },
    MultipleChoice {
        options: Vec<Text>,
    },
    ShortText,
    LongText,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub text: Text,
    pub kind: QuestionKind,
    pub required: bool,
}

/// A survey template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub title: Text,
    /// Shown before the first question.
    pub intro: Text,
    pub questions: Vec<Question>,
}

pub const MAX_QUESTIONS: usize = 30;
pub const MAX_OPTIONS: usize = 12;
const MAX_TEXT: usize = 300;

fn too_long(t: &Text) -> bool {
    t.de.chars().count() > MAX_TEXT || t.en.chars().count() > MAX_TEXT
}

impl Template {
    /// Checks the template; errors name the field (title) or the question's row.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if self.title.de.trim().is_empty() {
            errors.push(FieldError::new(Field::Name, Issue::Required));
        } else if too_long(&self.title) || too_long(&self.intro) {
            errors.push(FieldError::new(
                Field::Name,
                Issue::TooLong {
                    max: MAX_TEXT as u32,
                },
            ));
        }
        if self.questions.is_empty() || self.questions.len() > MAX_QUESTIONS {
            errors.push(FieldError::new(
                Field::Questions,
                Issue::OutOfRange {
                    min: 1,
                    max: MAX_QUESTIONS as u32,
                },
            ));
        }
        for (row, q) in self.questions.iter().enumerate() {
            let issue = if q.text.de.trim().is_empty() {
                Some(Issue::Required)
            } else if too_long(&q.text) {
                Some(Issue::TooLong {
                    max: MAX_TEXT as u32,
                })
            } else {
                match &q.kind {
                    QuestionKind::SingleChoice { options }
                    | QuestionKind::MultipleChoice { options } => {
                        let blank = options.iter().any(|o| o.de.trim().is_empty());
                        let repeated = options.iter().enumerate().any(|(i, o)| {
                            options[..i]
                                .iter()
                                .any(|p| p.de.trim().eq_ignore_ascii_case(o.de.trim()))
                        });
                        (options.len() < 2
                            || options.len() > MAX_OPTIONS
                            || blank
                            || repeated
                            || options.iter().any(too_long))
                        .then_some(Issue::Invalid)
                    }
                    _ => None,
                }
            };
            if let Some(issue) = issue {
                errors.push(FieldError::at(Field::Questions, row, issue));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

impl Text {
    fn trimmed(&self) -> Text {
        Text::new(self.de.trim(), self.en.trim())
    }
}

impl Template {
    /// The template with every text trimmed, as it is stored.
    pub fn trimmed(&self) -> Template {
        Template {
            title: self.title.trimmed(),
            intro: self.intro.trimmed(),
            questions: self
                .questions
                .iter()
                .map(|q| Question {
                    text: q.text.trimmed(),
                    kind: match &q.kind {
                        QuestionKind::SingleChoice { options } => QuestionKind::SingleChoice {
                            options: options.iter().map(Text::trimmed).collect(),
                        },
                        QuestionKind::MultipleChoice { options } => QuestionKind::MultipleChoice {
                            options: options.iter().map(Text::trimmed).collect(),
                        },
                        other => other.clone(),
                    },
                    required: q.required,
                })
                .collect(),
        }
    }
}

fn q(de: &str, en: &str, kind: QuestionKind, required: bool) -> Question {
    Question {
        text: Text::new(de, en),
        kind,
        required,
    }
}

/// The templates every shop starts with.
pub fn shipped() -> Vec<Template> {
    vec![
        Template {
            title: Text::new(
                "Zufriedenheit nach dem Kauf",
                "Satisfaction after the purchase",
            ),
            intro: Text::new(
                "Vielen Dank für Ihren Einkauf! Drei kurze Fragen – es dauert eine Minute.",
                "Thank you for your purchase! Three short questions – it takes a minute.",
            ),
            questions: vec![
                q(
                    "Wie wahrscheinlich ist es, dass Sie uns Freunden oder Kollegen empfehlen?",
                    "How likely are you to recommend us to a friend or colleague?",
                    QuestionKind::Nps,
                    true,
                ),
                q(
                    "Wie zufrieden sind Sie mit dem Produkt?",
                    "How satisfied are you with the product?",
                    QuestionKind::Rating {
                        style: RatingStyle::Stars,
                    },
                    true,
                ),
                q(
                    "Wie zufrieden sind Sie mit unserer Beratung?",
                    "How satisfied are you with our advice?",
                    QuestionKind::Rating {
                        style: RatingStyle::Smileys,
                    },
                    true,
                ),
                q(
                    "Möchten Sie uns noch etwas sagen?",
                    "Anything else you would like to tell us?",
                    QuestionKind::LongText,
                    false,
                ),
            ],
        },
        Template {
            title: Text::new("Warum Sie bei uns sind", "Why you shop with us"),
            intro: Text::new(
                "Helfen Sie uns zu verstehen, was Ihnen bei uns wichtig ist.",
                "Help us understand what matters to you here.",
            ),
            questions: vec![
                q(
                    "Warum haben Sie sich für uns entschieden?",
                    "Why did you choose us?",
                    QuestionKind::MultipleChoice {
                        options: vec![
                            Text::new("Beratung", "Advice"),
                            Text::new("Auswahl", "Choice of products"),
                            Text::new("Preis", "Price"),
                            Text::new("Nähe", "Close by"),
                            Text::new("Empfehlung", "Recommendation"),
                            Text::new("Service und Reparatur", "Service and repairs"),
                        ],
                    },
                    true,
                ),
                q(
                    "Was hat Sie anfangs zögern lassen?",
                    "What made you hesitate at first?",
                    QuestionKind::LongText,
                    false,
                ),
                q(
                    "Welchen Service würden Sie vermissen, wenn es uns nicht mehr gäbe?",
                    "Which service would you miss if we were gone?",
                    QuestionKind::ShortText,
                    false,
                ),
                q(
                    "Wem würden Sie uns empfehlen?",
                    "Whom would you recommend us to?",
                    QuestionKind::ShortText,
                    false,
                ),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_are_valid_and_worded_in_both_languages() {
        let templates = shipped();
        assert_eq!(templates.len(), 2);
        for t in &templates {
            t.validate().unwrap();
            for q in &t.questions {
                assert!(!q.text.en.is_empty(), "{}", q.text.de);
            }
        }
        assert_eq!(templates[0].questions[0].kind, QuestionKind::Nps);
        assert_eq!(templates[1].title.get(Lang::En), "Why you shop with us");
        // Without English the German text is shown.
        assert_eq!(Text::new("Preis", " ").get(Lang::En), "Preis");
    }

    #[test]
    fn templates_are_checked_by_field_and_question() {
        let mut t = shipped().remove(1);
        t.title.de = " ".into();
        t.questions[1].text.de = String::new();
        if let QuestionKind::MultipleChoice { options } = &mut t.questions[0].kind {
            options[2] = Text::new("beratung", "");
        }
        t.questions.push(q(
            "Eine Wahl?",
            "",
            QuestionKind::SingleChoice {
                options: vec![Text::new("Nur eine", "")],
            },
            true,
        ));
        let Err(Error::Validation(errors)) = t.validate() else {
            panic!("refused")
        };
        let found: Vec<(Field, Option<u32>, Issue)> = errors
            .iter()
            .map(|e| (e.field, e.row, e.issue.clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                (Field::Name, None, Issue::Required),
                (Field::Questions, Some(0), Issue::Invalid),
                (Field::Questions, Some(1), Issue::Required),
                (Field::Questions, Some(4), Issue::Invalid),
            ]
        );
        let empty = Template {
            questions: vec![],
            ..shipped().remove(0)
        };
        let Err(Error::Validation(errors)) = empty.validate() else {
            panic!("no questions")
        };
        assert_eq!(errors[0].field, Field::Questions);
    }

    #[test]
    fn templates_travel_as_tagged_json() {
        let json = serde_json::to_string(&shipped()[0]).unwrap();
        assert!(json.contains(r#""kind":{"type":"nps"}"#), "{json}");
        assert!(
            json.contains(r#""type":"rating","style":"smileys""#),
            "{json}"
        );
        let back: Template = serde_json::from_str(&json).unwrap();
        assert_eq!(back, shipped()[0]);
    }
}
