//! The establishment's posts, in shared blocks. A copy of the plan (the snapshot the figures are
//! worked out from off the window's thread) shares every block with the plan it was taken from,
//! so taking it costs a pointer a thousand posts; an edit to one post then copies its block
//! alone. Saved and read exactly as a list of posts.

use std::ops::{Index, IndexMut, Range};
use std::sync::Arc;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Post;

/// Posts a shared block: a snapshot costs a pointer a block, an edit to a post shared with a
/// snapshot copies its block, and every pass over the posts reads them in order from memory laid
/// out in order.
const BLOCK: usize = 1024;

type Block = Arc<Vec<Post>>;

/// Every post today, in the plan's order, in blocks of [`BLOCK`]: every block but the last is
/// full, so post `i` is in block `i / BLOCK`.
#[derive(Clone, Debug, Default)]
pub struct Posts {
    blocks: Vec<Block>,
    len: usize,
}

/// An iterator that knows how many items are left.
#[derive(Clone, Debug)]
pub struct Counted<I> {
    inner: I,
    left: usize,
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.inner.next()?;
        self.left -= 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<I: DoubleEndedIterator> DoubleEndedIterator for Counted<I> {
    fn next_back(&mut self) -> Option<I::Item> {
        let item = self.inner.next_back()?;
        self.left -= 1;
        Some(item)
    }
}

impl<I: Iterator> ExactSizeIterator for Counted<I> {}

type BlockIter<'a> = std::slice::Iter<'a, Post>;

/// The posts in order.
pub type Iter<'a> = Counted<
    std::iter::FlatMap<std::slice::Iter<'a, Block>, BlockIter<'a>, fn(&'a Block) -> BlockIter<'a>>,
>;

fn block_iter(block: &Block) -> BlockIter<'_> {
    block.iter()
}

fn block_iter_mut(block: &mut Block) -> std::slice::IterMut<'_, Post> {
    Arc::make_mut(block).iter_mut()
}

impl Posts {
    /// No posts.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many posts.
    pub fn len(&self) -> usize {
        self.len
    }

    /// No posts at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The posts in order.
    pub fn iter(&self) -> Iter<'_> {
        Counted {
            inner: self
                .blocks
                .iter()
                .flat_map(block_iter as fn(&Block) -> BlockIter<'_>),
            left: self.len,
        }
    }

    /// The posts in order, to change: every block a snapshot shares is copied first.
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Post> + ExactSizeIterator {
        Counted {
            inner: self.blocks.iter_mut().flat_map(block_iter_mut),
            left: self.len,
        }
    }

    /// Post `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&Post> {
        self.blocks.get(i / BLOCK)?.get(i % BLOCK)
    }

    /// Post `i` to change, if there is one (its block copied first if a snapshot shares it).
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Post> {
        let block = self.blocks.get_mut(i / BLOCK)?;
        if i % BLOCK >= block.len() {
            return None;
        }
        Arc::make_mut(block).get_mut(i % BLOCK)
    }

    /// The first post.
    pub fn first(&self) -> Option<&Post> {
        self.get(0)
    }

    /// The last post.
    pub fn last(&self) -> Option<&Post> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    /// The posts in `range` (clamped to the list), in order.
    pub fn in_range(
        &self,
        range: Range<usize>,
    ) -> impl DoubleEndedIterator<Item = &Post> + ExactSizeIterator {
        let end = range.end.min(self.len);
        (range.start.min(end)..end).map(|i| &self[i])
    }

    /// Adds a post at the end.
    pub fn push(&mut self, post: Post) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < BLOCK => Arc::make_mut(block).push(post),
            _ => {
                let mut block = Vec::with_capacity(BLOCK);
                block.push(post);
                self.blocks.push(Arc::new(block));
            }
        }
        self.len += 1;
    }

    /// Changes the posts from `start` on with `change`, then lays them out in blocks again: the
    /// blocks before `start`'s stay shared.
    fn rearrange<T>(&mut self, start: usize, change: impl FnOnce(&mut Vec<Post>) -> T) -> T {
        let first = (start / BLOCK).min(self.blocks.len());
        let mut tail: Vec<Post> = Vec::with_capacity(self.len - first * BLOCK);
        for block in self.blocks.drain(first..) {
            tail.extend(Arc::unwrap_or_clone(block));
        }
        self.len = first * BLOCK;
        let out = change(&mut tail);
        self.extend(tail);
        out
    }

    /// Puts a post at `i`, moving those after it on.
    ///
    /// # Panics
    /// If `i` is past the end, as [`Vec::insert`].
    pub fn insert(&mut self, i: usize, post: Post) {
        assert!(i <= self.len, "insertion index {i} is past the end");
        self.rearrange(i, |tail| tail.insert(i % BLOCK, post));
    }

    /// Takes out post `i`, moving those after it back.
    ///
    /// # Panics
    /// If there is no post `i`, as [`Vec::remove`].
    pub fn remove(&mut self, i: usize) -> Post {
        assert!(i < self.len, "removal index {i} is past the end");
        self.rearrange(i, |tail| tail.remove(i % BLOCK))
    }

    /// Keeps only the posts `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Post) -> bool) {
        self.rearrange(0, |all| all.retain(keep));
    }

    /// Keeps the first `n` posts.
    pub fn truncate(&mut self, n: usize) {
        if n < self.len {
            self.rearrange(n, |tail| tail.truncate(n % BLOCK));
        }
    }

    /// Removes every post.
    pub fn clear(&mut self) {
        self.blocks.clear();
        self.len = 0;
    }

    /// Replaces the posts in `range` by `insert`, giving back those it took out.
    ///
    /// # Panics
    /// If `range` runs past the end, as [`Vec::splice`].
    pub fn splice(&mut self, range: Range<usize>, insert: Vec<Post>) -> Vec<Post> {
        assert!(
            range.start <= range.end && range.end <= self.len,
            "splice range {range:?} is past the end"
        );
        if insert.len() == range.len() {
            // As many in as out (an edit to posts): each is swapped in place, and only the
            // blocks they are in are copied, if shared.
            return range
                .zip(insert)
                .map(|(i, post)| std::mem::replace(&mut self[i], post))
                .collect();
        }
        let offset = range.start / BLOCK * BLOCK;
        self.rearrange(range.start, |tail| {
            tail.splice(range.start - offset..range.end - offset, insert)
                .collect()
        })
    }

    /// The positions at which two lists of the same length hold different posts, in order (none
    /// if their lengths differ, when positions no longer mean the same post). Blocks shared with
    /// `other` are skipped unread, so the cost follows how much of the list was touched.
    pub fn changed_since(&self, other: &Self) -> Option<Vec<usize>> {
        if self.len != other.len {
            return None;
        }
        let mut changed = Vec::new();
        for (k, (a, b)) in self.blocks.iter().zip(&other.blocks).enumerate() {
            if Arc::ptr_eq(a, b) {
                continue;
            }
            changed.extend(
                a.iter()
                    .zip(b.iter())
                    .enumerate()
                    .filter(|(_, (x, y))| x != y)
                    .map(|(j, _)| k * BLOCK + j),
            );
        }
        Some(changed)
    }

    /// How many of their blocks of posts two lists share (not merely equal: the same memory),
    /// which is how a snapshot stays cheap.
    pub fn shared_blocks(&self, other: &Self) -> usize {
        self.blocks
            .iter()
            .zip(&other.blocks)
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count()
    }
}

impl PartialEq for Posts {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len
            && self
                .blocks
                .iter()
                .zip(&other.blocks)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl PartialEq<Vec<Post>> for Posts {
    fn eq(&self, other: &Vec<Post>) -> bool {
        self.len == other.len() && self.iter().eq(other.iter())
    }
}

impl Index<usize> for Posts {
    type Output = Post;

    fn index(&self, i: usize) -> &Post {
        &self.blocks[i / BLOCK][i % BLOCK]
    }
}

impl IndexMut<usize> for Posts {
    fn index_mut(&mut self, i: usize) -> &mut Post {
        assert!(i < self.len, "index {i} is past the end");
        &mut Arc::make_mut(&mut self.blocks[i / BLOCK])[i % BLOCK]
    }
}

impl From<Vec<Post>> for Posts {
    fn from(posts: Vec<Post>) -> Self {
        posts.into_iter().collect()
    }
}

impl FromIterator<Post> for Posts {
    fn from_iter<I: IntoIterator<Item = Post>>(iter: I) -> Self {
        let mut posts = Self::new();
        posts.extend(iter);
        posts
    }
}

impl Extend<Post> for Posts {
    fn extend<I: IntoIterator<Item = Post>>(&mut self, iter: I) {
        for post in iter {
            self.push(post);
        }
    }
}

impl<'a> IntoIterator for &'a mut Posts {
    type Item = &'a mut Post;
    type IntoIter = Counted<
        std::iter::FlatMap<
            std::slice::IterMut<'a, Block>,
            std::slice::IterMut<'a, Post>,
            fn(&'a mut Block) -> std::slice::IterMut<'a, Post>,
        >,
    >;

    fn into_iter(self) -> Self::IntoIter {
        Counted {
            left: self.len,
            inner: self
                .blocks
                .iter_mut()
                .flat_map(block_iter_mut as fn(&'a mut Block) -> std::slice::IterMut<'a, Post>),
        }
    }
}

impl<'a> IntoIterator for &'a Posts {
    type Item = &'a Post;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Posts {
    type Item = Post;
    type IntoIter = Counted<
        std::iter::FlatMap<
            std::vec::IntoIter<Block>,
            std::vec::IntoIter<Post>,
            fn(Block) -> std::vec::IntoIter<Post>,
        >,
    >;

    fn into_iter(self) -> Self::IntoIter {
        fn owned(block: Block) -> std::vec::IntoIter<Post> {
            Arc::unwrap_or_clone(block).into_iter()
        }
        Counted {
            left: self.len,
            inner: self
                .blocks
                .into_iter()
                .flat_map(owned as fn(Block) -> std::vec::IntoIter<Post>),
        }
    }
}

/// The columns of the plan file's table of posts (format 10), in the order each row gives them.
pub const COLUMNS: [&str; 12] = [
    "id",
    "council",
    "function",
    "role",
    "title",
    "grade",
    "fte",
    "salary_pence",
    "holder",
    "unnamed",
    "group_headcount",
    "pay_range_pence",
];

/// The fields of the `holder` column, in the order it gives them.
pub const HOLDER_COLUMNS: [&str; 8] = [
    "date_of_birth",
    "service_start",
    "lgps_member",
    "notice_weeks",
    "vr_interest",
    "critical",
    "strain_quote_pence",
    "monitoring",
];

/// A post as one row of the table: a tuple, written on one line.
struct Row<'a>(&'a Post);

/// A postholder as the `holder` column's tuple.
struct HolderRow<'a>(&'a super::Postholder);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let p = self.0;
        let mut row = serializer.serialize_tuple(COLUMNS.len())?;
        row.serialize_element(&p.id)?;
        row.serialize_element(&p.council)?;
        row.serialize_element(&p.function)?;
        row.serialize_element(&p.role)?;
        row.serialize_element(&p.title)?;
        row.serialize_element(&p.grade)?;
        row.serialize_element(&p.fte)?;
        row.serialize_element(&p.salary)?;
        row.serialize_element(&p.holder.as_ref().map(HolderRow))?;
        row.serialize_element(&p.unnamed)?;
        // A group of posts: `Some(headcount)`, the headcount itself `None` where the file
        // gave none.
        row.serialize_element(&p.group.map(|g| g.headcount))?;
        row.serialize_element(&p.pay_range.map(|r| (r.minimum, r.maximum)))?;
        row.end()
    }
}

impl Serialize for HolderRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let h = self.0;
        let mut row = serializer.serialize_tuple(HOLDER_COLUMNS.len())?;
        row.serialize_element(&h.date_of_birth)?;
        row.serialize_element(&h.service_start)?;
        row.serialize_element(&h.lgps_member)?;
        row.serialize_element(&h.notice_weeks)?;
        row.serialize_element(&h.vr_interest)?;
        row.serialize_element(&h.critical)?;
        row.serialize_element(&h.strain_quote)?;
        let m = &h.monitoring;
        row.serialize_element(&(!m.is_empty()).then_some((&m.sex, &m.ethnicity, &m.disability)))?;
        row.end()
    }
}

/// The next value of a row, its column named in any error.
fn cell<'de, A: SeqAccess<'de>, T: Deserialize<'de>>(
    seq: &mut A,
    column: &str,
) -> Result<T, A::Error> {
    use serde::de::Error;
    seq.next_element::<T>()
        .map_err(|e| A::Error::custom(format_args!("column `{column}`: {e}")))?
        .ok_or_else(|| {
            A::Error::custom(format_args!(
                "the row ends before its column `{column}`: each row has one value for each name in `columns`"
            ))
        })
}

/// The end of a row: nothing may follow its last column.
fn row_end<'de, A: SeqAccess<'de>>(seq: &mut A, columns: usize) -> Result<(), A::Error> {
    use serde::de::Error;
    match seq.next_element::<serde::de::IgnoredAny>()? {
        None => Ok(()),
        Some(_) => Err(A::Error::custom(format_args!(
            "the row has more than its {columns} columns"
        ))),
    }
}

struct PostRow(Post);

impl<'de> Deserialize<'de> for PostRow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PostRow;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a post as a row: (id, council, function, role, title, grade, fte, salary_pence, holder, unnamed, group_headcount, pay_range_pence)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PostRow, A::Error> {
                let [
                    id,
                    council,
                    function,
                    role,
                    title,
                    grade,
                    fte,
                    salary,
                    holder,
                    unnamed,
                    group,
                    range,
                ] = COLUMNS;
                let post = Post {
                    id: cell(&mut seq, id)?,
                    council: cell(&mut seq, council)?,
                    function: cell(&mut seq, function)?,
                    role: cell(&mut seq, role)?,
                    title: cell(&mut seq, title)?,
                    grade: cell(&mut seq, grade)?,
                    fte: cell(&mut seq, fte)?,
                    salary: cell(&mut seq, salary)?,
                    holder: cell::<_, Option<HolderOf>>(&mut seq, holder)?.map(|h| h.0),
                    unnamed: cell(&mut seq, unnamed)?,
                    group: cell::<_, Option<Option<f64>>>(&mut seq, group)?
                        .map(|headcount| super::Group { headcount }),
                    pay_range: cell::<_, Option<(super::Money, super::Money)>>(&mut seq, range)?
                        .map(|(minimum, maximum)| super::PayRange { minimum, maximum }),
                };
                row_end(&mut seq, COLUMNS.len())?;
                Ok(PostRow(post))
            }
        }
        deserializer.deserialize_tuple(COLUMNS.len(), V)
    }
}

/// The monitoring cell: sex, ethnicity and disability.
type Monitored = (Option<String>, Option<String>, Option<String>);

struct HolderOf(super::Postholder);

impl<'de> Deserialize<'de> for HolderOf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HolderOf;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a holder: (date_of_birth, service_start, lgps_member, notice_weeks, vr_interest, critical, strain_quote_pence, monitoring)")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HolderOf, A::Error> {
                let [dob, start, lgps, notice, vr, critical, quote, monitoring] = HOLDER_COLUMNS;
                let h = super::Postholder {
                    date_of_birth: cell(&mut seq, dob)?,
                    service_start: cell(&mut seq, start)?,
                    lgps_member: cell(&mut seq, lgps)?,
                    notice_weeks: cell(&mut seq, notice)?,
                    vr_interest: cell(&mut seq, vr)?,
                    critical: cell(&mut seq, critical)?,
                    strain_quote: cell(&mut seq, quote)?,
                    monitoring: cell::<_, Option<Monitored>>(&mut seq, monitoring)?
                        .map(|(sex, ethnicity, disability)| super::Monitoring {
                            sex,
                            ethnicity,
                            disability,
                        })
                        .unwrap_or_default(),
                };
                row_end(&mut seq, HOLDER_COLUMNS.len())?;
                Ok(HolderOf(h))
            }
        }
        deserializer.deserialize_tuple(HOLDER_COLUMNS.len(), V)
    }
}

/// The rows of the table, read straight into blocks.
struct Rows;

impl<'de> serde::de::DeserializeSeed<'de> for Rows {
    type Value = Posts;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Posts, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Posts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of rows, one a post")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Posts, A::Error> {
                let mut posts = Posts::new();
                while let Some(PostRow(post)) = seq.next_element()? {
                    posts.push(post);
                }
                Ok(posts)
            }
        }
        deserializer.deserialize_seq(V)
    }
}

/// Checks a header against the columns this version writes.
fn header<E: serde::de::Error>(what: &str, found: &[String], expected: &[&str]) -> Result<(), E> {
    if found
        .iter()
        .map(String::as_str)
        .eq(expected.iter().copied())
    {
        Ok(())
    } else {
        Err(E::custom(format_args!(
            "the posts' `{what}` must be [{}] in that order; this file has [{}]",
            expected.join(", "),
            found.join(", ")
        )))
    }
}

/// The table as written: the headers, then a row a post.
struct Table<'a>(&'a Posts);

impl Serialize for Table<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Each<'a>(&'a Posts);
        impl Serialize for Each<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.iter().map(Row))
            }
        }
        let mut table = serializer.serialize_struct("Posts", 3)?;
        table.serialize_field("columns", &COLUMNS[..])?;
        table.serialize_field("holder", &HOLDER_COLUMNS[..])?;
        table.serialize_field("rows", &Each(self.0))?;
        table.end()
    }
}

/// Written as a table (format 10): the column names once, then one row a post on one line.
/// Read as that table, or as the list of posts with every field named that earlier versions
/// wrote.
impl Serialize for Posts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Table(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Posts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;

        impl<'de> Visitor<'de> for Either {
            type Value = Posts;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the posts: a table (columns, holder, rows) or a list of posts")
            }

            /// Format 9 and before: every post with its fields named.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Posts, A::Error> {
                let mut posts = Posts::new();
                while let Some(post) = seq.next_element()? {
                    posts.push(post);
                }
                Ok(posts)
            }

            /// Format 10: the table.
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Posts, A::Error> {
                use serde::de::Error;
                let mut posts = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "columns" => header(&key, &map.next_value::<Vec<String>>()?, &COLUMNS)?,
                        "holder" => {
                            header(&key, &map.next_value::<Vec<String>>()?, &HOLDER_COLUMNS)?;
                        }
                        "rows" => posts = Some(map.next_value_seed(Rows)?),
                        other => {
                            return Err(A::Error::unknown_field(
                                other,
                                &["columns", "holder", "rows"],
                            ));
                        }
                    }
                }
                posts.ok_or_else(|| A::Error::missing_field("rows"))
            }
        }

        deserializer.deserialize_any(Either)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(id: &str) -> Post {
        Post {
            id: id.to_owned(),
            council: "C".to_owned(),
            function: "F".to_owned(),
            role: "R".to_owned(),
            title: "Officer".to_owned(),
            grade: String::new(),
            fte: 1.0,
            salary: crate::model::Money(3_000_000),
            holder: None,
            unnamed: false,
            group: None,
            pay_range: None,
        }
    }

    fn list(n: usize) -> Vec<Post> {
        (0..n).map(|i| post(&format!("P{i:05}"))).collect()
    }

    /// One change to a list of posts, as the property test draws it.
    #[derive(Clone, Debug)]
    enum Change {
        Push,
        Insert(usize),
        Remove(usize),
        Splice(usize, usize, usize),
        Retain(u8),
        Truncate(usize),
        SetFte(usize),
        Snapshot,
    }

    fn change() -> impl proptest::strategy::Strategy<Value = Change> {
        use proptest::prelude::*;
        let at = 0..4 * BLOCK;
        prop_oneof![
            Just(Change::Push),
            at.clone().prop_map(Change::Insert),
            at.clone().prop_map(Change::Remove),
            (at.clone(), 0..BLOCK + 5, 0..BLOCK + 5).prop_map(|(a, r, n)| Change::Splice(a, r, n)),
            (0u8..10).prop_map(Change::Retain),
            at.clone().prop_map(Change::Truncate),
            at.prop_map(Change::SetFte),
            Just(Change::Snapshot),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

        /// Any sequence of changes leaves the blocks holding what a plain list would, every
        /// block but the last full, and every snapshot taken on the way as it was.
        #[test]
        fn any_changes_match_a_plain_list_and_leave_snapshots_alone(
            start in 0..3 * BLOCK,
            changes in proptest::collection::vec(change(), 1..24),
        ) {
            let mut posts: Posts = list(start).into();
            let mut plain = list(start);
            let mut snapshots: Vec<(Posts, Vec<Post>)> = Vec::new();
            let mut made = start;
            let fresh = |made: &mut usize| {
                *made += 1;
                post(&format!("N{made:05}"))
            };
            for c in changes {
                let len = plain.len();
                match c {
                    Change::Push => {
                        let p = fresh(&mut made);
                        posts.push(p.clone());
                        plain.push(p);
                    }
                    Change::Insert(i) => {
                        let (i, p) = (i.min(len), fresh(&mut made));
                        posts.insert(i, p.clone());
                        plain.insert(i, p);
                    }
                    Change::Remove(i) if len > 0 => {
                        let i = i % len;
                        proptest::prop_assert_eq!(posts.remove(i), plain.remove(i));
                    }
                    Change::Splice(a, r, n) => {
                        let a = a.min(len);
                        let end = (a + r).min(len);
                        let new: Vec<Post> = (0..n).map(|_| fresh(&mut made)).collect();
                        let taken = posts.splice(a..end, new.clone());
                        let expected: Vec<Post> = plain.splice(a..end, new).collect();
                        proptest::prop_assert_eq!(taken, expected);
                    }
                    Change::Retain(digit) => {
                        let keep = |p: &Post| !p.id.ends_with(char::from(b'0' + digit));
                        posts.retain(keep);
                        plain.retain(|p| keep(p));
                    }
                    Change::Truncate(n) => {
                        posts.truncate(n);
                        plain.truncate(n);
                    }
                    Change::SetFte(i) if len > 0 => {
                        let i = i % len;
                        posts[i].fte = 0.25;
                        plain[i].fte = 0.25;
                    }
                    // Nothing to remove or change in an empty list.
                    Change::Remove(_) | Change::SetFte(_) => {}
                    Change::Snapshot => snapshots.push((posts.clone(), plain.clone())),
                }
                proptest::prop_assert!(posts == plain);
                proptest::prop_assert_eq!(posts.iter().len(), plain.len());
                let full = posts.blocks.split_last().is_none_or(|(last, rest)| {
                    !last.is_empty() && rest.iter().all(|b| b.len() == BLOCK)
                });
                proptest::prop_assert!(full, "every block but the last is full");
            }
            for (snapshot, then) in &snapshots {
                proptest::prop_assert!(snapshot == then, "a snapshot is never changed");
                let expected = (then.len() == plain.len()).then(|| {
                    (0..plain.len()).filter(|&i| then[i] != plain[i]).collect::<Vec<_>>()
                });
                proptest::prop_assert_eq!(posts.changed_since(snapshot), expected);
            }
        }
    }

    #[test]
    fn a_copy_shares_its_posts_until_one_is_changed() {
        let mut posts: Posts = list(3 * BLOCK + 10).into();
        let copy = posts.clone();
        assert_eq!(posts.shared_blocks(&copy), 4);
        posts[2 * BLOCK + 1].fte = 0.5;
        assert_eq!(
            posts.shared_blocks(&copy),
            3,
            "only the changed post's block is copied"
        );
        assert_eq!(copy[2 * BLOCK + 1].fte.to_string(), "1");
        assert_eq!(posts[2 * BLOCK + 1].fte.to_string(), "0.5");
        assert_ne!(posts, copy);
    }

    #[test]
    fn what_changed_since_a_copy_is_found_without_reading_the_blocks_it_shares() {
        let mut posts: Posts = list(3 * BLOCK + 10).into();
        let copy = posts.clone();
        assert_eq!(posts.changed_since(&copy), Some(vec![]));
        posts[BLOCK + 5].fte = 0.5;
        posts[3 * BLOCK + 9].salary = crate::model::Money(1);
        // Set to what it was: a copied block, but no change.
        posts[BLOCK + 6].fte = copy[BLOCK + 6].fte;
        assert_eq!(
            posts.changed_since(&copy),
            Some(vec![BLOCK + 5, 3 * BLOCK + 9])
        );
        posts.push(post("NEW"));
        assert_eq!(posts.changed_since(&copy), None, "positions have moved on");
    }

    #[test]
    fn every_change_to_the_list_matches_a_plain_list() {
        let n = 2 * BLOCK + 7;
        let mut posts: Posts = list(n).into();
        let mut plain = list(n);
        let check = |posts: &Posts, plain: &Vec<Post>| {
            assert_eq!(posts.len(), plain.len());
            assert!(posts == plain);
            assert!(posts.iter().rev().eq(plain.iter().rev()));
            assert_eq!(posts.iter().len(), plain.len());
            assert_eq!(posts.last(), plain.last());
        };
        posts.insert(BLOCK + 3, post("new"));
        plain.insert(BLOCK + 3, post("new"));
        check(&posts, &plain);
        assert_eq!(posts.remove(5), plain.remove(5));
        check(&posts, &plain);
        let copy = posts.clone();
        assert_eq!(
            posts.splice(BLOCK + 1..BLOCK + 2, list(1)),
            plain
                .splice(BLOCK + 1..BLOCK + 2, list(1))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            posts.shared_blocks(&copy),
            2,
            "a post replaced copies its block alone"
        );
        check(&posts, &plain);
        let taken = posts.splice(BLOCK - 2..BLOCK + 4, list(3));
        let expected: Vec<Post> = plain.splice(BLOCK - 2..BLOCK + 4, list(3)).collect();
        assert_eq!(taken, expected);
        check(&posts, &plain);
        posts.retain(|p| !p.id.ends_with('3'));
        plain.retain(|p| !p.id.ends_with('3'));
        check(&posts, &plain);
        posts.truncate(BLOCK + 1);
        plain.truncate(BLOCK + 1);
        check(&posts, &plain);
        posts.push(post("end"));
        plain.push(post("end"));
        check(&posts, &plain);
        assert!(
            posts
                .in_range(BLOCK - 1..BLOCK + 2)
                .eq(plain[BLOCK - 1..BLOCK + 2].iter())
        );
        assert_eq!(posts.into_iter().collect::<Vec<_>>(), plain);
    }

    #[test]
    fn posts_are_saved_as_a_table_and_read_back_or_from_a_list() {
        let mut posts: Posts = list(3).into();
        posts[1].holder = Some(crate::model::Postholder {
            date_of_birth: jiff::civil::date(1970, 1, 2),
            service_start: jiff::civil::date(2000, 5, 1),
            lgps_member: true,
            notice_weeks: 12,
            vr_interest: true,
            critical: false,
            strain_quote: Some(crate::model::Money(1_234_500)),
            monitoring: crate::model::Monitoring {
                sex: Some("Female".to_owned()),
                ethnicity: None,
                disability: Some("No".to_owned()),
            },
        });
        posts[2].group = Some(crate::model::Group { headcount: None });
        posts[2].pay_range = Some(crate::model::PayRange {
            minimum: crate::model::Money(3_000_000),
            maximum: crate::model::Money(3_600_000),
        });
        let text = ron::to_string(&posts).unwrap_or_default();
        assert!(text.starts_with("(columns:"), "{text}");
        let back: Posts = ron::from_str(&text).unwrap_or_default();
        assert_eq!(back, posts);
        let older = ron::to_string(&posts.iter().collect::<Vec<_>>()).unwrap_or_default();
        let back: Posts = ron::from_str(&older).unwrap_or_default();
        assert_eq!(
            back, posts,
            "a list of posts with their fields named, as before"
        );
    }

    #[test]
    fn a_bad_row_names_its_column() {
        let text = ron::to_string(&Posts::from(list(2))).unwrap_or_default();
        let bad = text.replacen(",1.0,", ",\"one\",", 1);
        assert_ne!(bad, text);
        let e = ron::from_str::<Posts>(&bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("column `fte`"), "{e}");
        let short = text.replacen(",1.0,3000000,None,false,None,None)", ",1.0)", 1);
        let e = ron::from_str::<Posts>(&short)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("before its column `salary_pence`"), "{e}");
        let renamed = text.replacen("\"grade\"", "\"band\"", 1);
        let e = ron::from_str::<Posts>(&renamed)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("this file has [id, council, function, role, title, band"),
            "{e}"
        );
    }
}
