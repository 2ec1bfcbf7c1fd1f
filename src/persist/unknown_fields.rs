//! Fields in a plan file that this version does not know: read past, never dropped silently.
//! serde_ignored names each one by its path as the plan is read; this module finds the line and
//! column of each in the text, so the warning says where to look.

use std::fmt::{self, Write as _};

/// At most this many different unknown fields are listed; the rest are counted.
pub const LISTED: usize = 20;

/// A field the plan file has that this version of the app does not know, and how often (a newer
/// version's field is in every post).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField {
    /// Where it is in the plan, as keys from the top: `["posts", "grade_code"]`.
    pub keys: Vec<String>,
    /// The line and column of its first place, from 1, where the text could be matched.
    pub at: Option<(usize, usize)>,
    /// How many times it is in the file.
    pub count: usize,
}

impl UnknownField {
    /// Counts one more field at `keys` among those met so far, grouped by where they are; false
    /// when it is a new one past the first [`LISTED`], only counted in the total.
    pub fn note(fields: &mut Vec<Self>, keys: Vec<String>) -> bool {
        if let Some(known) = fields.iter_mut().find(|f| f.keys == keys) {
            known.count += 1;
            return true;
        }
        if fields.len() < LISTED {
            fields.push(Self {
                keys,
                at: None,
                count: 1,
            });
            return true;
        }
        false
    }
}

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.at {
            write!(f, "line {line}, column {column}: ")?;
        }
        let (field, within) = self
            .keys
            .split_last()
            .map_or(("", &[][..]), |(f, w)| (f, w));
        write!(f, "`{field}`")?;
        if !within.is_empty() {
            write!(f, " (in {})", within.join(" › "))?;
        }
        if self.count > 1 {
            write!(
                f,
                ", {} times in all",
                crate::format::thousands(self.count as u64)
            )?;
        }
        Ok(())
    }
}

/// What to say about the unknown fields of one file: each different one (the first [`LISTED`])
/// with its first place and count, the count of the rest, and what it means for the user. `None`
/// when there are none.
pub fn warning(fields: &[UnknownField], total: usize) -> Option<String> {
    if total == 0 {
        return None;
    }
    let mut text = format!(
        "The plan has {} this version of Merger Planner does not know, so {} left out and will not be saved with the plan. If it was saved by a newer version, open it there; if the file was edited by hand, check the spelling:",
        crate::format::plural(total, "field"),
        if total == 1 { "it was" } else { "they were" },
    );
    for field in fields {
        text.push_str("\n- ");
        text.push_str(&field.to_string());
    }
    let listed: usize = fields.iter().map(|f| f.count).sum();
    if total > listed {
        let _ = write!(
            text,
            "\n- and {} elsewhere",
            crate::format::plural(total - listed, "more field")
        );
    }
    Some(text)
}

/// The keys of a serde_ignored path from the top, leaving out list positions and wrappers
/// (`Some`, newtypes), which the text marks in ways [`locate`] does not follow.
pub fn keys_of(path: &serde_ignored::Path<'_>) -> Vec<String> {
    let mut keys = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Map { parent, key } => {
                keys.push(key.clone());
                parent
            }
            serde_ignored::Path::Seq { parent, .. }
            | serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => parent,
        };
    }
    keys.reverse();
    keys
}

/// Fills in the line and column of each field, walking the RON text once. `fields` are in the
/// order the reader met them, which is the text's order, so each is matched with the next key at
/// the same path. A field the walk cannot match keeps no position.
pub fn locate(text: &str, fields: &mut [UnknownField]) {
    let mut walk = Walk {
        bytes: text.as_bytes(),
        i: 0,
        line: 1,
        line_start: 0,
    };
    let mut keys: Vec<String> = Vec::new();
    // For each open bracket: its closing byte and how many keys were on the path when it opened.
    let mut frames: Vec<(u8, usize)> = Vec::new();
    let mut next = 0;
    while next < fields.len() {
        walk.skip_blank();
        let Some(&b) = walk.bytes.get(walk.i) else {
            break;
        };
        match b {
            b'(' | b'[' | b'{' => {
                frames.push((closing(b), keys.len()));
                walk.i += 1;
            }
            b')' | b']' | b'}' => {
                if let Some((_, depth)) = frames.pop() {
                    keys.truncate(depth);
                }
                walk.i += 1;
            }
            b',' => {
                if let Some(&(_, depth)) = frames.last() {
                    keys.truncate(depth);
                }
                walk.i += 1;
            }
            _ => {
                let start = walk.i;
                let (line, column) = (walk.line, walk.column(start));
                let token = walk.token();
                walk.skip_blank();
                let is_key = walk.bytes.get(walk.i) == Some(&b':')
                    && frames.last().is_some_and(|&(c, _)| c == b')' || c == b'}');
                if is_key {
                    walk.i += 1;
                    keys.push(token);
                    if keys == fields[next].keys {
                        fields[next].at = Some((line, column));
                        next += 1;
                    }
                } else if walk.i == start {
                    // Not a token this walk knows (a stray byte): step over it.
                    walk.i += 1;
                }
            }
        }
    }
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

struct Walk<'a> {
    bytes: &'a [u8],
    i: usize,
    line: usize,
    line_start: usize,
}

impl Walk<'_> {
    fn column(&self, at: usize) -> usize {
        String::from_utf8_lossy(&self.bytes[self.line_start..at])
            .chars()
            .count()
            + 1
    }

    fn newline(&mut self, at: usize) {
        self.line += 1;
        self.line_start = at + 1;
    }

    /// Skips spaces, new lines and comments (`//` to the end of the line, `/* */` nested).
    fn skip_blank(&mut self) {
        while let Some(&b) = self.bytes.get(self.i) {
            match b {
                b'\n' => {
                    self.newline(self.i);
                    self.i += 1;
                }
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'/' if self.bytes.get(self.i + 1) == Some(&b'/') => {
                    while self.bytes.get(self.i).is_some_and(|&c| c != b'\n') {
                        self.i += 1;
                    }
                }
                b'/' if self.bytes.get(self.i + 1) == Some(&b'*') => {
                    let mut depth = 0usize;
                    while self.i < self.bytes.len() {
                        if self.bytes[self.i..].starts_with(b"/*") {
                            depth += 1;
                            self.i += 2;
                        } else if self.bytes[self.i..].starts_with(b"*/") {
                            depth -= 1;
                            self.i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            if self.bytes[self.i] == b'\n' {
                                self.newline(self.i);
                            }
                            self.i += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Reads one value token (a string, a character, a name or a number) and returns its text,
    /// without quotes for a string.
    fn token(&mut self) -> String {
        let start = self.i;
        match self.bytes[start] {
            b'"' => self.quoted(b'"'),
            b'\'' => self.quoted(b'\''),
            b'r' if matches!(self.bytes.get(start + 1), Some(b'"' | b'#')) => self.raw(),
            b'b' if self.bytes.get(start + 1) == Some(&b'"') => {
                self.i += 1;
                self.quoted(b'"')
            }
            _ => {
                while self
                    .bytes
                    .get(self.i)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && !b"()[]{},:\"'/".contains(&c))
                {
                    self.i += 1;
                }
                let word = String::from_utf8_lossy(&self.bytes[start..self.i]);
                word.strip_prefix("r#").unwrap_or(&word).to_owned()
            }
        }
    }

    /// A string or character with backslash escapes; the text between the quotes as written.
    fn quoted(&mut self, quote: u8) -> String {
        let start = self.i + 1;
        self.i += 1;
        while let Some(&c) = self.bytes.get(self.i) {
            match c {
                b'\\' => self.i += 2,
                b'\n' => {
                    self.newline(self.i);
                    self.i += 1;
                }
                c if c == quote => {
                    self.i += 1;
                    return String::from_utf8_lossy(&self.bytes[start..self.i - 1]).into_owned();
                }
                _ => self.i += 1,
            }
        }
        String::from_utf8_lossy(&self.bytes[start.min(self.bytes.len())..]).into_owned()
    }

    /// A raw string: `r"…"` or `r#"…"#` with any number of `#`.
    fn raw(&mut self) -> String {
        self.i += 1;
        let hashes = self.bytes[self.i..]
            .iter()
            .take_while(|&&c| c == b'#')
            .count();
        self.i += hashes;
        if self.bytes.get(self.i) != Some(&b'"') {
            return String::new();
        }
        self.i += 1;
        let start = self.i;
        let mut end = b"\"".to_vec();
        end.extend(std::iter::repeat_n(b'#', hashes));
        while self.i < self.bytes.len() {
            if self.bytes[self.i..].starts_with(&end) {
                let text = String::from_utf8_lossy(&self.bytes[start..self.i]).into_owned();
                self.i += end.len();
                return text;
            }
            if self.bytes[self.i] == b'\n' {
                self.newline(self.i);
            }
            self.i += 1;
        }
        String::from_utf8_lossy(&self.bytes[start..]).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(keys: &[&str]) -> UnknownField {
        UnknownField {
            keys: keys.iter().map(|&k| k.to_owned()).collect(),
            at: None,
            count: 1,
        }
    }

    #[test]
    fn fields_are_found_at_their_path_past_strings_and_comments() {
        let text = "(\n  name: \"a: (b\", // grade: 1\n  posts: [\n    (id: \"1\", grade: 2),\n    /* (grade: 3) */ (id: \"2\", extra: r#\"x\"#, grade: 4),\n  ],\n  grade: 5,\n)";
        let mut fields = vec![
            field(&["posts", "grade"]),
            field(&["posts", "grade"]),
            field(&["grade"]),
        ];
        locate(text, &mut fields);
        let at: Vec<_> = fields.iter().map(|f| f.at).collect();
        assert_eq!(at, [Some((4, 15)), Some((5, 47)), Some((7, 3))]);
    }

    #[test]
    fn a_key_of_the_same_name_elsewhere_is_not_taken() {
        let text = "(\n  councils: [(name: \"A\")],\n  parameters: (name: \"old\"),\n)";
        let mut fields = vec![field(&["parameters", "name"])];
        locate(text, &mut fields);
        assert_eq!(fields[0].at, Some((3, 16)));
    }

    #[test]
    fn an_unmatched_field_keeps_no_position_and_the_walk_ends() {
        let mut fields = vec![field(&["nowhere"])];
        locate("(a: [1, 2], b: \"unterminated", &mut fields);
        assert_eq!(fields[0].at, None);
    }

    #[test]
    fn the_warning_groups_each_field_and_counts_the_rest() {
        let mut fields = Vec::new();
        for _ in 0..1_000 {
            assert!(UnknownField::note(
                &mut fields,
                vec!["posts".into(), "grade_code".into()]
            ));
        }
        for n in 0..30 {
            let noted = UnknownField::note(&mut fields, vec![format!("extra_{n}")]);
            assert_eq!(noted, n < LISTED - 1, "{n}");
        }
        assert_eq!(fields.len(), LISTED);
        fields[0].at = Some((306, 7));
        let text = warning(&fields, 1_030).expect("a warning");
        assert!(text.starts_with("The plan has 1,030 fields"), "{text}");
        assert!(
            text.contains("\n- line 306, column 7: `grade_code` (in posts), 1,000 times in all\n"),
            "{text}"
        );
        assert!(text.contains("\n- `extra_0`\n"), "{text}");
        assert!(text.ends_with("\n- and 11 more fields elsewhere"), "{text}");
        assert_eq!(warning(&[], 0), None);
    }
}
