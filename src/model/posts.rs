//! The establishment's posts, each behind a shared pointer. A copy of the plan (the snapshot the
//! figures are worked out from off the window's thread) shares every post with the plan it was
//! taken from, so taking it costs a pointer a post; an edit to one post then copies that post
//! alone. Saved and read exactly as a list of posts.

use std::ops::{Index, IndexMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Post;

/// Every post today, in the plan's order.
#[derive(Clone, Debug, Default)]
pub struct Posts(Vec<Arc<Post>>);

impl Posts {
    /// No posts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `n` posts.
    pub fn with_capacity(n: usize) -> Self {
        Self(Vec::with_capacity(n))
    }

    /// How many posts.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No posts at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The posts in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Post> + ExactSizeIterator + Clone {
        self.0.iter().map(AsRef::as_ref)
    }

    /// The posts in order, to change: each is copied first if a snapshot shares it.
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Post> + ExactSizeIterator {
        self.0.iter_mut().map(Arc::make_mut)
    }

    /// Post `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&Post> {
        self.0.get(i).map(AsRef::as_ref)
    }

    /// Post `i` to change, if there is one (copied first if a snapshot shares it).
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Post> {
        self.0.get_mut(i).map(Arc::make_mut)
    }

    /// The first post.
    pub fn first(&self) -> Option<&Post> {
        self.get(0)
    }

    /// The last post.
    pub fn last(&self) -> Option<&Post> {
        self.0.last().map(AsRef::as_ref)
    }

    /// Adds a post at the end.
    pub fn push(&mut self, post: Post) {
        self.0.push(Arc::new(post));
    }

    /// Puts a post at `i`, moving those after it on.
    ///
    /// # Panics
    /// If `i` is past the end, as [`Vec::insert`].
    pub fn insert(&mut self, i: usize, post: Post) {
        self.0.insert(i, Arc::new(post));
    }

    /// Takes out post `i`, moving those after it back.
    ///
    /// # Panics
    /// If there is no post `i`, as [`Vec::remove`].
    pub fn remove(&mut self, i: usize) -> Post {
        Arc::unwrap_or_clone(self.0.remove(i))
    }

    /// Keeps only the posts `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&Post) -> bool) {
        self.0.retain(|p| keep(p));
    }

    /// Keeps the first `n` posts.
    pub fn truncate(&mut self, n: usize) {
        self.0.truncate(n);
    }

    /// Removes every post.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The posts in `range` (clamped to the list), in order.
    pub fn in_range(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl DoubleEndedIterator<Item = &Post> + ExactSizeIterator {
        let end = range.end.min(self.0.len());
        self.0[range.start.min(end)..end].iter().map(AsRef::as_ref)
    }

    /// Replaces the posts in `range` by `insert`, giving back those it took out.
    ///
    /// # Panics
    /// If `range` runs past the end, as [`Vec::splice`].
    pub fn splice(&mut self, range: std::ops::Range<usize>, insert: Vec<Post>) -> Vec<Post> {
        self.0
            .splice(range, insert.into_iter().map(Arc::new))
            .map(Arc::unwrap_or_clone)
            .collect()
    }

    /// Whether post `i` is the very same (shared, not merely equal) in both lists: a cheap test
    /// of what an edit left alone.
    pub fn same(&self, other: &Self, i: usize) -> bool {
        match (self.0.get(i), other.0.get(i)) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl PartialEq for Posts {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl PartialEq<Vec<Post>> for Posts {
    fn eq(&self, other: &Vec<Post>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Index<usize> for Posts {
    type Output = Post;

    fn index(&self, i: usize) -> &Post {
        &self.0[i]
    }
}

impl IndexMut<usize> for Posts {
    fn index_mut(&mut self, i: usize) -> &mut Post {
        Arc::make_mut(&mut self.0[i])
    }
}

impl From<Vec<Post>> for Posts {
    fn from(posts: Vec<Post>) -> Self {
        posts.into_iter().collect()
    }
}

impl FromIterator<Post> for Posts {
    fn from_iter<I: IntoIterator<Item = Post>>(iter: I) -> Self {
        Self(iter.into_iter().map(Arc::new).collect())
    }
}

impl Extend<Post> for Posts {
    fn extend<I: IntoIterator<Item = Post>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Arc::new));
    }
}

impl<'a> IntoIterator for &'a mut Posts {
    type Item = &'a mut Post;
    type IntoIter =
        std::iter::Map<std::slice::IterMut<'a, Arc<Post>>, fn(&mut Arc<Post>) -> &mut Post>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut().map(Arc::make_mut)
    }
}

impl<'a> IntoIterator for &'a Posts {
    type Item = &'a Post;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, Arc<Post>>, fn(&Arc<Post>) -> &Post>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(AsRef::as_ref)
    }
}

impl IntoIterator for Posts {
    type Item = Post;
    type IntoIter = std::iter::Map<std::vec::IntoIter<Arc<Post>>, fn(Arc<Post>) -> Post>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().map(Arc::unwrap_or_clone)
    }
}

impl Serialize for Posts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Posts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Post>::deserialize(deserializer).map(Self::from)
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

    #[test]
    fn a_copy_shares_its_posts_until_one_is_changed() {
        let mut posts: Posts = vec![post("A"), post("B")].into();
        let copy = posts.clone();
        assert!(posts.same(&copy, 0) && posts.same(&copy, 1));
        posts[1].fte = 0.5;
        assert!(posts.same(&copy, 0), "the post left alone is still shared");
        assert!(!posts.same(&copy, 1), "the changed post is the plan's own");
        assert_eq!(copy[1].fte.to_string(), "1");
        assert_eq!(posts[1].fte.to_string(), "0.5");
        assert_ne!(posts, copy);
    }

    #[test]
    fn posts_are_saved_as_a_plain_list() {
        let posts: Posts = vec![post("A")].into();
        let text = ron::to_string(&posts).unwrap_or_default();
        let list = ron::to_string(&vec![post("A")]).unwrap_or_default();
        assert_eq!(text, list);
        let back: Posts = ron::from_str(&text).unwrap_or_default();
        assert_eq!(back, posts);
    }
}
