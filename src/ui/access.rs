//! What assistive technology is told that egui's widgets do not say of themselves: tables as
//! tables walked cell by cell, charts by name and key figures, values as shown with their units,
//! headings, one node a headline figure, dialogs and menus by name, and the status line
//! announced. docs/accessibility.md says how each is read and what was tried with Orca.

use egui::accesskit::{self, Live, Role};
use egui::{Id, Key, Rect, Response, RichText, Sense, Ui, UiBuilder};

/// The keys that work everywhere, for Help > Keyboard shortcuts: what each does, and the keys.
pub const KEYS: [(&str, &str); 12] = [
    ("Next or previous control", "Tab or Shift+Tab"),
    (
        "Press a button, tick a box, open a menu or list",
        "Space or Enter",
    ),
    (
        "In an open menu or list: move, choose, close",
        "Up and Down, Enter, Escape",
    ),
    ("In a table: move cell by cell", "Arrow keys"),
    ("In a table: the row's first or last cell", "Home or End"),
    ("In a table: a screen up or down", "Page Up or Page Down"),
    ("In a table: the first or last row", "Ctrl+Home or Ctrl+End"),
    ("In a table: sort by the heading, or show the post", "Enter"),
    ("In the post table: select the row or not", "Space"),
    ("In a field: take what is typed, staying there", "Enter"),
    ("Leave a field, close a menu or a dialog", "Escape"),
    (
        "A chart's figures as a table",
        "Tab to Show figures, then Space",
    ),
];

/// Says a field's value as it is shown, with its units ("× 1.75", "15.05%", "£56,788.00"), where
/// egui would say the raw number; `step` is the smallest change shown, so a reader that speaks
/// the number rounds it as the screen does.
pub fn value_text(r: &Response, text: impl Into<String>, step: Option<f64>) {
    let text = text.into();
    r.ctx.accesskit_node_builder(r.id, |node| {
        lead_description(node, &text);
        node.set_value(text);
        if let Some(step) = step {
            node.set_numeric_value_step(step);
        }
    });
}

/// Says a field's value as shown, in a chain of a response's calls.
pub trait Said {
    /// See [`value_text`].
    #[must_use]
    fn said(self, text: String, step: f64) -> Self;
}

impl Said for Response {
    fn said(self, text: String, step: f64) -> Self {
        value_text(&self, text, Some(step));
        self
    }
}

/// A number with at most `decimals` places and no trailing zeros, as egui's fields show it
/// ("1.75", "2", "15.05").
pub fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The smallest change a number shown with `decimals` places shows.
pub fn step_of(decimals: usize) -> f64 {
    10f64.powi(-i32::try_from(decimals).unwrap_or(6))
}

/// A section's title, read as a heading (level 2: the window's name is the top).
pub fn heading(ui: &mut Ui, text: impl Into<RichText>) -> Response {
    let r = ui.label(text.into().heading());
    mark_heading(&r, 2);
    r
}

/// A sub-section's title, drawn bold and read as a heading of level 3.
pub fn section(ui: &mut Ui, text: &str) -> Response {
    let r = ui.strong(text);
    mark_heading(&r, 3);
    r
}

/// Marks a label already drawn as a heading of `level`.
pub fn mark_heading(r: &Response, level: usize) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        // A label's text is its value; a heading's is its name.
        if node.label().is_none()
            && let Some(text) = node.value().map(str::to_owned)
        {
            node.set_label(text);
            node.clear_value();
        }
        node.set_role(Role::Heading);
        node.set_level(level);
    });
}

/// A figure with its caption as one node ("FTE today: 601.5"), reachable with Tab so a keyboard
/// and screen reader user can step through the headline figures. Caption above, value under.
pub fn figure(ui: &mut Ui, caption: RichText, value: RichText, spoken: &str) -> Response {
    let galley = |text: RichText| {
        egui::WidgetText::from(text).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
    };
    let (top, bottom) = (galley(caption), galley(value));
    let gap = ui.spacing().item_spacing.y;
    let size = egui::vec2(
        top.size().x.max(bottom.size().x),
        top.size().y + gap + bottom.size().y,
    );
    let (rect, r) = ui.allocate_exact_size(size, Sense::FOCUSABLE);
    let ink = ui.visuals().text_color();
    let below = rect.min + egui::vec2(0.0, top.size().y + gap);
    ui.painter().galley(rect.min, top, ink);
    ui.painter().galley(below, bottom, ink);
    r.widget_info(|| egui::WidgetInfo::labeled(Role::Label, true, spoken));
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(Role::Label);
        node.set_label(spoken.to_owned());
    });
    r
}

/// Has the status line's messages read out when they change, without taking focus.
pub fn announce(r: &Response) {
    r.ctx
        .accesskit_node_builder(r.id, |node| node.set_live(Live::Polite));
}

/// Names the window after the plan, as its title bar does.
pub fn name_window(ctx: &egui::Context, title: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
        node.set_label(title.to_owned());
    });
}

/// Names a dialog after its title (drawn as `heading`) and keeps keyboard focus in it: while
/// nothing in it has focus, focus moves to its first field or button.
fn dialog(ui: &mut Ui, dialog: Id, heading: &Response) {
    ui.ctx().accesskit_node_builder(dialog, |node| {
        node.set_role(Role::Dialog);
        node.push_labelled_by(heading.id.accesskit_id());
        node.set_modal();
    });
    // Nothing in it has focus when it has just opened, or after a click on its background: focus
    // goes to the first widget drawn after this. A drop-down list opened from the dialog sits
    // above it and counts as inside.
    let layer = ui.layer_id();
    let inside = ui.ctx().memory(egui::Memory::focused).is_some_and(|id| {
        ui.ctx()
            .read_response(id)
            .is_none_or(|r| r.layer_id == layer || r.layer_id.order >= layer.order)
    }) || egui::Popup::is_any_open(ui.ctx());
    if !inside {
        ui.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
            m.move_focus(egui::FocusDirection::Next);
        });
    }
}

/// A dialog's title: a heading that also names the dialog it opens (see [`dialog`]).
pub fn dialog_heading(ui: &mut Ui, text: impl Into<String>) -> Response {
    let text = text.into();
    let r = ui.heading(text.as_str());
    mark_heading(&r, 1);
    // A modal dialog is an area: its layer's id is the dialog's node.
    let area = ui.layer_id().id;
    dialog(ui, area, &r);
    r
}

/// A menu's item with its shortcut said apart from its name ("Save", Ctrl+S).
pub fn menu_item(r: &Response, name: &str, shortcut: Option<&str>) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(Role::MenuItem);
        node.set_label(name.to_owned());
        if let Some(keys) = shortcut {
            node.set_keyboard_shortcut(keys.to_owned());
        }
    });
}

/// A menu bar's menu: a menu item that opens a menu, saying whether it is open.
pub fn menu(r: &Response, open: bool) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(Role::MenuItem);
        node.set_has_popup(accesskit::HasPopup::Menu);
        node.set_expanded(open);
    });
}

/// One option of a drop-down list: said as an option, selected or not, and closing the list when
/// chosen (as a click does, and as a screen reader's "press" must too).
pub fn option<T: PartialEq>(
    ui: &mut Ui,
    chosen: &mut T,
    value: T,
    text: impl Into<egui::WidgetText>,
) -> Response {
    // The list the options are in.
    ui.ctx()
        .accesskit_node_builder(ui.unique_id(), |node| node.set_role(Role::ListBox));
    let was = *chosen == value;
    let r = ui.selectable_value(chosen, value, text);
    let on = was || r.clicked();
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(Role::ListBoxOption);
        node.set_selected(on);
        node.clear_toggled();
    });
    if r.clicked() {
        ui.close();
    }
    r
}

/// Says a drop-down list's value, in a chain of a response's calls.
pub trait Showing {
    /// See [`combo_value`].
    #[must_use]
    fn showing(self, shown: &str) -> Self;
}

impl Showing for Response {
    fn showing(self, shown: &str) -> Self {
        combo_value(&self, shown);
        self
    }
}

/// A drop-down list says the value it shows, not only its name.
pub fn combo_value(r: &Response, shown: &str) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_value(shown.to_owned());
        lead_description(node, shown);
    });
}

/// AT-SPI carries a number's value but not its text, and no value for a drop-down: Orca says a
/// widget's description after its name, so the value as shown leads it ("Show council combo
/// box. All councils.", "VR take-up slider 25. 25%. The share of…").
fn lead_description(node: &mut accesskit::Node, shown: &str) {
    let said = match node.description() {
        Some(said) if said == shown || said.starts_with(&format!("{shown}. ")) => said.to_owned(),
        Some(help) if !help.is_empty() => format!("{shown}. {help}"),
        _ => shown.to_owned(),
    };
    node.set_description(said);
}

/// Enter commits a field and leaves focus where it was (egui gives it back to the window).
pub fn keep_focus_on_enter(ui: &Ui, r: &Response) {
    if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
        r.request_focus();
    }
}

/// Leaves what `ui` draws out of the tree, where a [`Table`]'s own cells say it (a screen reader
/// would otherwise read each cell twice).
pub fn hidden(ui: &Ui) {
    ui.ctx()
        .accesskit_node_builder(ui.unique_id(), accesskit::Node::set_hidden);
}

/// Whether focus moved this frame, as `begin_frame` found it.
fn focus_moved(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(Id::unique("focus moved")))
        .unwrap_or(false)
}

/// Notes at the start of a frame whether keyboard focus moved since the last, so the scroll areas
/// drawn this frame can bring it into view.
pub fn begin_frame(ctx: &egui::Context) {
    let now = ctx.memory(egui::Memory::focused);
    let key = Id::unique("focus last frame");
    let before: Option<Option<Id>> = ctx.data(|d| d.get_temp(key));
    let moved = before.is_some_and(|b| b != now) || ctx.input(|i| i.key_pressed(Key::Tab));
    ctx.data_mut(|d| {
        d.insert_temp(key, now);
        d.insert_temp(Id::unique("focus moved"), moved);
    });
}

/// Called at the end of a scroll area's contents: where focus has just moved to a widget inside
/// it that is out of sight, scrolls to it.
pub fn scroll_focus_into_view(ui: &Ui) {
    let ctx = ui.ctx();
    if !focus_moved(ctx) {
        return;
    }
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(r) = ctx.read_response(id) else {
        return;
    };
    if r.layer_id != ui.layer_id() || !r.rect.is_positive() {
        return;
    }
    let clip = ui.clip_rect();
    let inside = ui.min_rect().union(ui.max_rect());
    if inside.contains_rect(r.rect) && !clip.contains_rect(r.rect) {
        ui.scroll_to_rect(r.rect.expand(8.0), None);
    }
}

/// Draws a ring round the widget with keyboard focus, on top of everything, so focus shows on
/// every widget (a tick box's own hover tint is too faint to see from across a room).
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(r) = ctx.read_response(id) else {
        return;
    };
    // A table draws its own ring round the cell in focus.
    if r.rect.height() < 2.0
        || ctx.data(|d| d.get_temp::<bool>(id.with("draws own focus")).is_some())
    {
        return;
    }
    let colour = ctx.global_style().visuals.selection.stroke.color;
    let painter = ctx.layer_painter(egui::LayerId::new(
        r.layer_id.order,
        Id::unique("focus ring"),
    ));
    painter
        .with_clip_rect(r.interact_rect.expand(4.0).intersect(ctx.content_rect()))
        .rect_stroke(
            r.rect.expand(2.0),
            3.0,
            egui::Stroke::new(2.0, colour),
            egui::StrokeKind::Outside,
        );
}

/// Where a table's keyboard cursor is: row 0 is the headings, row `k + 1` the `k`th row shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The row: 0 the headings.
    pub row: usize,
    /// The column, from the left.
    pub column: usize,
}

/// What the keys did to a table this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// The cursor moved to this row (of those shown): scroll it into view.
    pub moved_to: Option<usize>,
    /// Enter on a row: open it.
    pub open: Option<usize>,
    /// Space on a row: select it or not.
    pub toggle: Option<usize>,
    /// Enter or Space on a heading: sort by this column.
    pub sort: Option<usize>,
}

/// A table for the keyboard and assistive technology. It is one Tab stop: the arrow keys then
/// move cell by cell (Home and End to the row's ends, Page Up and Down a screen, Ctrl+Home and
/// Ctrl+End to the first and last row), Enter opens a row and Space selects it. The tree holds a
/// table with every row counted, its headings, and the rows on screen (and the cursor's) with
/// their cells, each cell named by its heading and its text and telling its row of how many.
pub struct Table {
    id: Id,
    name: String,
    headings: Vec<String>,
    rows: usize,
    cursor: Cursor,
    focused: bool,
    tab: bool,
    /// The rows drawn, each with the screen rect of each of its cells.
    drawn: Vec<(usize, Vec<Rect>)>,
    /// Each heading's rect and the label drawn for it, where one names it.
    heading_rects: Vec<(Rect, Option<Id>)>,
    /// Enter on a heading sorts by it.
    sorts: bool,
    /// What the keys did this frame.
    pub keys: Keys,
}

impl Table {
    /// Takes the table's place in the Tab order (before its cells, which Tab passes over) and
    /// reads the keys when it has focus. `rows` counts every row shown, not only those on screen;
    /// `at` is the row the caller has in focus, if any, which the cursor follows.
    pub fn begin(
        ui: &mut Ui,
        id_salt: &str,
        name: &str,
        headings: Vec<String>,
        rows: usize,
        at: Option<usize>,
    ) -> Self {
        let id = ui.make_persistent_id(("accessible table", id_salt));
        let rect = Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), 0.0));
        let r = ui.interact(rect, id, Sense::FOCUSABLE);
        let focused = r.has_focus();
        ui.data_mut(|d| d.insert_temp(id.with("draws own focus"), true));
        let mut cursor: Cursor = ui.data(|d| d.get_temp(id)).unwrap_or_default();
        if let Some(at) = at
            && cursor.row != 0
        {
            cursor.row = at + 1;
        }
        let columns = headings.len().max(1);
        cursor.row = cursor.row.min(rows);
        cursor.column = cursor.column.min(columns - 1);
        let mut keys = Keys::default();
        if focused {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    },
                );
            });
            // A screen of rows (an unclipped table counts as 30).
            let height = ui.clip_rect().height();
            let height = if height.is_finite() {
                height
            } else {
                30.0 * crate::theme::ROW_HEIGHT
            };
            let page = ((height / crate::theme::ROW_HEIGHT) as usize).clamp(2, 1_000) - 1;
            ui.input_mut(|i| {
                let before = cursor;
                let ctrl = egui::Modifiers::COMMAND;
                let none = egui::Modifiers::NONE;
                if i.consume_key(none, Key::ArrowDown) {
                    cursor.row = cursor.row.saturating_add(1).min(rows);
                }
                if i.consume_key(none, Key::ArrowUp) {
                    cursor.row = cursor.row.saturating_sub(1);
                }
                if i.consume_key(none, Key::ArrowRight) {
                    cursor.column = (cursor.column + 1).min(columns - 1);
                }
                if i.consume_key(none, Key::ArrowLeft) {
                    cursor.column = cursor.column.saturating_sub(1);
                }
                if i.consume_key(none, Key::PageDown) {
                    cursor.row = cursor.row.saturating_add(page).min(rows);
                }
                if i.consume_key(none, Key::PageUp) {
                    cursor.row = cursor.row.saturating_sub(page);
                }
                if i.consume_key(ctrl, Key::Home) {
                    cursor.row = 1.min(rows);
                }
                if i.consume_key(ctrl, Key::End) {
                    cursor.row = rows;
                }
                if i.consume_key(none, Key::Home) {
                    cursor.column = 0;
                }
                if i.consume_key(none, Key::End) {
                    cursor.column = columns - 1;
                }
                let enter = i.consume_key(none, Key::Enter);
                let space = i.consume_key(none, Key::Space);
                if cursor.row == 0 {
                    if enter || space {
                        keys.sort = Some(cursor.column);
                    }
                } else {
                    if enter {
                        keys.open = Some(cursor.row - 1);
                    }
                    if space {
                        keys.toggle = Some(cursor.row - 1);
                    }
                }
                if cursor.row != before.row && cursor.row > 0 {
                    keys.moved_to = Some(cursor.row - 1);
                }
            });
        }
        ui.data_mut(|d| d.insert_temp(id, cursor));
        let tab = ui.input(|i| i.key_pressed(Key::Tab));
        Self {
            id,
            name: name.to_owned(),
            headings,
            rows,
            cursor,
            focused,
            tab,
            drawn: Vec::new(),
            heading_rects: Vec::new(),
            sorts: false,
            keys,
        }
    }

    /// Says that Enter on a heading sorts by it (the caller sorts, on `keys.sort`).
    #[must_use]
    pub fn sortable(mut self) -> Self {
        self.sorts = true;
        self
    }

    /// Whether the table's own widgets (sort buttons, tick boxes, fields) are passed over this
    /// frame: on a frame Tab is pressed they are drawn without taking focus, so Tab moves into
    /// and out of the table in one step. The mouse still uses them on every other frame.
    pub fn pass_over(&self) -> bool {
        self.tab
    }

    /// Draws `add` so that Tab passes over it this frame (see [`Self::pass_over`]), and so that
    /// what it draws is left out of the tree, where the table's own cells say it.
    pub fn cells<R>(&self, ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> (R, Rect) {
        let pass = self.tab;
        let inner = ui.scope(|ui| {
            if pass {
                ui.style_mut().visuals.disabled_alpha = 1.0;
                ui.disable();
            }
            add(ui)
        });
        (inner.inner, inner.response.rect)
    }

    /// Names the handles between the columns of an `egui_extras` table made with `id_salt` in
    /// `ui`, which would otherwise be nameless stops for a screen reader.
    pub fn name_resize_handles(&self, ui: &Ui, id_salt: &str) {
        let table = ui.scope_id().with(egui::IdSalt::new(id_salt));
        for (i, heading) in self.headings.iter().enumerate() {
            let id = table.with("resize_column").with(i);
            if ui.ctx().has_accesskit_node(id) {
                ui.ctx().accesskit_node_builder(id, |node| {
                    node.set_role(Role::Splitter);
                    node.set_label(format!("Width of column {heading}"));
                });
            }
        }
    }

    /// Notes a heading cell drawn at `rect`, and the plain label that shows its heading, if one
    /// does (a sort button is a widget of its own, not the heading's name).
    pub fn heading_drawn(&mut self, rect: Rect, label: Option<Id>) {
        self.heading_rects.push((rect, label));
    }

    /// Notes a row drawn (its index among the rows shown) and the rects of its cells.
    pub fn row_drawn(&mut self, row: usize, cells: Vec<Rect>) {
        self.drawn.push((row, cells));
    }

    /// The row the cursor is on, if on a row (not the headings).
    pub fn cursor_row(&self) -> Option<usize> {
        self.cursor.row.checked_sub(1)
    }

    /// Builds the table's nodes (`text(row, column)` for each cell) and draws the cursor.
    /// A row is named by its `key` column's text ("Row 3 of 601: BOU-00003").
    pub fn end(self, ui: &mut Ui, whole: Rect, key: usize, text: impl Fn(usize, usize) -> String) {
        let ctx = ui.ctx().clone();
        let columns = self.headings.len();
        let rows_said = self.rows + 1;
        let name = format!("{}: {} rows", self.name, self.rows);
        // With no assistive technology listening there is no tree to build: only the cursor.
        if ctx.accesskit_node_builder(self.id, |_| ()).is_none() {
            self.draw_cursor(ui, whole);
            return;
        }
        ctx.accesskit_node_builder(self.id, |node| {
            node.set_role(Role::Table);
            node.set_label(name.clone());
            node.set_row_count(rows_said);
            node.set_column_count(columns);
            node.set_bounds(bounds(whole));
        });
        let child = |ui: &mut Ui, parent: Id, salt: (usize, usize), role: Role, label: String| {
            let child = ui.new_child(
                UiBuilder::new()
                    .id_salt(("accessible cell", salt))
                    .accessibility_parent(parent)
                    .accessibility_role(role)
                    .accessibility_label(label),
            );
            child.unique_id()
        };
        let mut active = None;
        // The headings.
        let head = child(
            ui,
            self.id,
            (0, usize::MAX),
            Role::Row,
            "Headings".to_owned(),
        );
        for (c, h) in self.headings.iter().enumerate() {
            let drawn = self.heading_rects.get(c).copied();
            let label = drawn.and_then(|(_, label)| label);
            let name = if label.is_some() {
                String::new()
            } else {
                h.clone()
            };
            let id = child(ui, head, (0, c), Role::ColumnHeader, name);
            ctx.accesskit_node_builder(id, |node| {
                node.set_column_index(c);
                node.set_row_index(0);
                if let Some((r, label)) = drawn {
                    node.set_bounds(bounds(r));
                    if let Some(label) = label {
                        node.clear_label();
                        node.push_labelled_by(label.accesskit_id());
                    }
                }
                node.set_description(if self.sorts {
                    format!("Heading {} of {columns}; Enter sorts", c + 1)
                } else {
                    format!("Heading {} of {columns}", c + 1)
                });
            });
            if self.cursor.row == 0 && self.cursor.column == c {
                active = Some(id);
            }
        }
        ctx.accesskit_node_builder(head, |node| node.set_row_index(0));
        // The rows on screen and the cursor's.
        let mut rows: Vec<(usize, Option<&Vec<Rect>>)> = self
            .drawn
            .iter()
            .map(|(r, cells)| (*r, Some(cells)))
            .collect();
        if let Some(at) = self.cursor_row()
            && !rows.iter().any(|(r, _)| *r == at)
        {
            rows.push((at, None));
            rows.sort_by_key(|(r, _)| *r);
        }
        for (r, rects) in rows {
            let label = format!("Row {} of {}: {}", r + 1, self.rows, text(r, key));
            let row = child(ui, self.id, (r + 1, usize::MAX), Role::Row, label);
            ctx.accesskit_node_builder(row, |node| {
                node.set_row_index(r + 1);
                if let Some(rects) = rects
                    && let (Some(first), Some(last)) = (rects.first(), rects.last())
                {
                    node.set_bounds(bounds(first.union(*last)));
                }
            });
            for (c, h) in self.headings.iter().enumerate() {
                let id = child(
                    ui,
                    row,
                    (r + 1, c),
                    Role::Cell,
                    format!("{h}: {}", text(r, c)),
                );
                ctx.accesskit_node_builder(id, |node| {
                    node.set_row_index(r + 1);
                    node.set_column_index(c);
                    node.set_description(format!("Row {} of {}", r + 1, self.rows));
                    if let Some(rect) = rects.and_then(|cells| cells.get(c)) {
                        node.set_bounds(bounds(*rect));
                    }
                });
                if self.cursor.row == r + 1 && self.cursor.column == c {
                    active = Some(id);
                }
            }
        }
        if self.focused
            && let Some(active) = active
        {
            ctx.accesskit_node_builder(self.id, |node| {
                node.set_active_descendant(active.accesskit_id());
            });
        }
        self.draw_cursor(ui, whole);
    }

    /// [`Self::end`] for a table whose cells are `words`, a row of text a row shown.
    pub fn end_with_words(self, ui: &mut Ui, whole: Rect, key: usize, words: &[Vec<String>]) {
        self.end(ui, whole, key, |r, c| {
            words
                .get(r)
                .and_then(|row| row.get(c))
                .cloned()
                .unwrap_or_default()
        });
    }

    /// Draws a ring round the cursor's cell, where it is on screen and the table has focus.
    fn draw_cursor(&self, ui: &Ui, whole: Rect) {
        if self.focused {
            let rect = match self.cursor_row() {
                None => self.heading_rects.get(self.cursor.column).map(|(r, _)| *r),
                Some(at) => self
                    .drawn
                    .iter()
                    .find(|(r, _)| *r == at)
                    .and_then(|(_, cells)| cells.get(self.cursor.column).copied()),
            };
            let colour = ui.visuals().selection.stroke.color;
            if let Some(rect) = rect {
                // Round the cell's text, clear of it.
                ui.painter().with_clip_rect(whole.expand(4.0)).rect_stroke(
                    rect.expand2(egui::vec2(4.0, 2.0)),
                    2.0,
                    egui::Stroke::new(2.0, colour),
                    egui::StrokeKind::Outside,
                );
            } else if self.rows == 0 {
                ui.painter().rect_stroke(
                    whole,
                    2.0,
                    egui::Stroke::new(2.0, colour),
                    egui::StrokeKind::Inside,
                );
            }
        }
    }
}

/// A read-only table of text as a striped grid (headings in bold), and as a [`Table`] for the
/// keyboard and assistive technology. Rows whose `strong` is true are drawn bold (subtotals).
pub fn grid(
    ui: &mut Ui,
    id_salt: &str,
    name: &str,
    headings: &[String],
    rows: &[Vec<String>],
    strong: &[bool],
) {
    let mut table = Table::begin(ui, id_salt, name, headings.to_vec(), rows.len(), None);
    // Only while assistive technology listens is there a tree to leave the drawn cells out of.
    let listening = ui.ctx().accesskit_node_builder(table.id, |_| ()).is_some();
    let mut heading_rects = Vec::new();
    let mut drawn = Vec::new();
    let ((), whole) = table.cells(ui, |ui| {
        egui::Grid::new(("grid", id_salt))
            .striped(true)
            .num_columns(headings.len())
            .spacing([24.0, 6.0])
            .show(ui, |ui| {
                for h in headings {
                    let r = ui.strong(h);
                    heading_rects.push((r.rect, Some(r.id)));
                }
                ui.end_row();
                for (r, row) in rows.iter().enumerate() {
                    let bold = strong.get(r).copied().unwrap_or(false);
                    let cells: Vec<Rect> = row
                        .iter()
                        .map(|cell| {
                            let text = RichText::new(cell);
                            let r = ui.label(if bold { text.strong() } else { text });
                            if listening {
                                ui.ctx()
                                    .accesskit_node_builder(r.id, accesskit::Node::set_hidden);
                            }
                            r.rect
                        })
                        .collect();
                    ui.end_row();
                    drawn.push((r, cells));
                }
            });
    });
    if let Some(row) = table.keys.moved_to
        && let Some((_, cells)) = drawn.iter().find(|(r, _)| *r == row)
        && let (Some(first), Some(last)) = (cells.first(), cells.last())
    {
        ui.scroll_to_rect(first.union(*last).expand(4.0), None);
    }
    for (rect, label) in heading_rects {
        table.heading_drawn(rect, label);
    }
    for (row, cells) in drawn {
        table.row_drawn(row, cells);
    }
    table.end_with_words(ui, whole, 0, rows);
}

fn bounds(r: Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: r.min.x.into(),
        y0: r.min.y.into(),
        x1: r.max.x.into(),
        y1: r.max.y.into(),
    }
}
