//! Merge, sign-off and comments: what the app does when asked (docs/collaboration.md).

use std::path::{Path, PathBuf};

use super::App;
use crate::document::edit;
use crate::model::{Location, Plan, SignOff, Topic};
use crate::persist::{plan_file, version};
use crate::ui::command::{Command, View};
use crate::ui::dialogs::Dialog;
use crate::ui::review::{CommentsDialog, MergeDialog, SignOffDialog};

impl App {
    /// The review commands; `None` when `command` is not one of them.
    pub(super) fn review(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::MergeCopy => self.merge_copy(),
            Command::MergeChooseBase => self.merge_choose_base(),
            Command::MergeAccept => self.merge_accept(),
            Command::AskSignOff => {
                self.dialog = Some(Dialog::SignOff(SignOffDialog {
                    name: self.prefs.name.clone(),
                    ..SignOffDialog::default()
                }));
            }
            Command::SignOff(sign_off) => self.sign_off(sign_off),
            Command::ChangesSinceSignOff => self.changes_since_sign_off(),
            Command::Comments => {
                self.dialog = Some(Dialog::Comments(CommentsDialog {
                    name: self.prefs.name.clone(),
                    ..CommentsDialog::default()
                }));
            }
            Command::AddComment(topic, author, text) => {
                self.prefs.name.clone_from(&author);
                let e = edit::add_comment(self.doc.plan(), topic, &author, &text, now());
                self.edit(e);
                self.doc.close_step();
            }
            Command::ReplyToComment(id, author, text) => {
                self.prefs.name.clone_from(&author);
                let e = edit::reply_to_comment(self.doc.plan(), &id, &author, &text, now());
                self.edit(e);
                self.doc.close_step();
            }
            Command::ResolveComment(id, by, resolved) => {
                self.prefs.name.clone_from(&by);
                let e = edit::resolve_comment(self.doc.plan(), &id, &by, resolved, now());
                self.edit(e);
                self.doc.close_step();
            }
            Command::GoToTopic(topic) => self.go_to_topic(&topic),
            other => return Some(other),
        }
        None
    }

    /// Asks for a colleague's copy, finds the version both came from, and shows the merge.
    fn merge_copy(&mut self) {
        let folder = self.folder();
        let Some(path) = self.dialogs.merge_copy(folder.as_deref()) else {
            return;
        };
        let theirs = match plan_file::open_at_most(&path, self.prefs.max_plan_mb()) {
            Ok(plan) => plan,
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not read their copy".to_owned(),
                    message: format!("{e}\n\nThe open plan is unchanged."),
                });
                return;
            }
        };
        if let Some(versions) = self.versions() {
            versions.keep(&path);
        }
        let common = self.doc.plan().lineage.common(&theirs.lineage);
        let mut note = None;
        if let Err(why) = crate::document::merge::check_copies(&[
            ("your copy", self.doc.plan()),
            ("their copy", &theirs),
        ]) {
            self.dialog = Some(Dialog::Error {
                title: "Could not merge their copy".to_owned(),
                message: format!("{why}.\n\nThe open plan is unchanged."),
            });
            return;
        }
        let base = common
            .as_ref()
            .and_then(|v| self.find_version(v, &path))
            .and_then(
                |found| match plan_file::open_at_most(&found, self.prefs.max_plan_mb()) {
                    Ok(plan) => {
                        match crate::document::merge::check_copies(&[("the common version", &plan)])
                        {
                            Ok(()) => Some((found, plan)),
                            Err(why) => {
                                note = Some(why);
                                None
                            }
                        }
                    }
                    Err(e) => {
                        note = Some(format!("The common version could not be read: {e}"));
                        None
                    }
                },
            );
        self.dialog = Some(Dialog::Merge(Box::new(MergeDialog::new(
            path, theirs, common, base, note,
        ))));
    }

    /// The file of `version`: kept by the app, or in the folder of the open plan or of their
    /// copy.
    fn find_version(&self, version: &str, theirs: &Path) -> Option<PathBuf> {
        if let Some(found) = self.versions().and_then(|v| v.find(version)) {
            return Some(found);
        }
        let folders = [self.folder(), theirs.parent().map(Path::to_path_buf)];
        folders
            .into_iter()
            .flatten()
            .find_map(|f| version::find_in(&f, version).into_iter().next())
    }

    fn merge_choose_base(&mut self) {
        let Some(Dialog::Merge(m)) = &self.dialog else {
            return;
        };
        let folder = m.theirs_path.parent().map(Path::to_path_buf);
        let common = m.common.clone();
        let Some(path) = self.dialogs.common_version(folder.as_deref()) else {
            return;
        };
        let read = plan_file::open_at_most(&path, self.prefs.max_plan_mb());
        let Some(Dialog::Merge(m)) = &mut self.dialog else {
            return;
        };
        match read {
            Ok(base)
                if let Err(why) =
                    crate::document::merge::check_copies(&[("the common version", &base)]) =>
            {
                m.note = Some(why);
            }
            Ok(base) => {
                m.note = common.as_ref().and_then(|common| {
                    let is = base.lineage.version == *common
                        || version::version_hash(&base) == *common;
                    (!is).then(|| {
                        format!(
                            "{} is not the version both copies came from ({}): the merge may show conflicts that are not, or miss some.",
                            path.display(),
                            version::short(common)
                        )
                    })
                });
                let note = m.note.take();
                **m = MergeDialog::new(
                    m.theirs_path.clone(),
                    (*m.theirs).clone(),
                    common,
                    Some((path, base)),
                    note,
                );
            }
            Err(e) => m.note = Some(format!("Could not read the common version: {e}")),
        }
    }

    fn merge_accept(&mut self) {
        let Some(Dialog::Merge(m)) = self.dialog.take() else {
            return;
        };
        let path = m.theirs_path.clone();
        let conflicts = m.choices.len();
        let Some((merged, signatures, label)) = m.take(self.doc.plan()) else {
            return;
        };
        let changed = self.doc.take_merge(&merged, &signatures, &label);
        self.doc.close_step();
        if changed {
            self.changed();
        }
        self.message = if changed {
            format!(
                "Merged {} ({} settled): Edit > Undo takes it out",
                path.display(),
                crate::format::plural(conflicts, "conflict")
            )
        } else {
            format!("Merged {}: it changed nothing", path.display())
        };
    }

    fn sign_off(&mut self, sign_off: SignOff) {
        self.dialog = None;
        self.prefs.name.clone_from(&sign_off.name);
        let who = format!("{} ({})", sign_off.name, sign_off.role);
        if self.doc.sign_off(sign_off) {
            self.changed();
        }
        self.doc.close_step();
        self.message = format!("Signed off by {who}: save the plan to keep it");
    }

    /// What changed since the newest sign-off, in Scenarios > What changed.
    fn changes_since_sign_off(&mut self) {
        let plan = self.doc.plan();
        let Some(s) = plan.sign_offs.last() else {
            return;
        };
        let Some(signed) = self.doc.signatures().version(&s.content).cloned() else {
            return;
        };
        let name = PathBuf::from(format!(
            "the version signed off by {} on {}",
            s.name,
            s.date.strftime("%-d %B %Y")
        ));
        let changes = &mut self.panels.scenarios.changes;
        changes.between = crate::ui::views::changes::Between::File;
        changes.other = Some(crate::ui::views::changes::Other::new(name, signed));
        changes.reveal = true;
        self.view = View::Scenarios;
    }

    fn go_to_topic(&mut self, topic: &Topic) {
        self.dialog = None;
        let plan: &Plan = self.doc.plan();
        let location = match topic {
            Topic::Plan | Topic::Setting(_) => Location::Plan,
            Topic::Council(id) => Location::Council(id.clone()),
            Topic::Function(id) => Location::Function(id.clone()),
            Topic::Role(id) => Location::Role(id.clone()),
            Topic::Scenario(name) => Location::Scenario(name.clone()),
            Topic::Post(id) => {
                let Some(at) = plan.posts.iter().position(|p| p.id == *id) else {
                    self.message = format!("Post {id} is no longer in the plan");
                    return;
                };
                Location::Post {
                    id: id.clone(),
                    position: at + 1,
                }
            }
            Topic::Figure(_) => {
                self.view = View::Dashboard;
                return;
            }
        };
        self.jump_to(&location);
    }
}

/// The time now, for a comment.
fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}
