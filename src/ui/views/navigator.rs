//! The navigator: councils, functions and roles with their counts; a click shows the item.

use egui::{CollapsingHeader, Ui};

use crate::document::Derived;
use crate::model::{Location, Plan};
use crate::theme;
use crate::ui::command::Command;

/// Draws the navigator as a resizable left panel.
pub fn panel(ui: &mut Ui, plan: &Plan, derived: &Derived, commands: &mut Vec<Command>) {
    egui::Panel::left("navigator")
        .resizable(true)
        .default_size(theme::NAVIGATOR_WIDTH)
        .min_size(160.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    contents(ui, plan, derived, commands);
                    crate::ui::access::scroll_focus_into_view(ui);
                });
        });
}

fn contents(ui: &mut Ui, plan: &Plan, derived: &Derived, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    CollapsingHeader::new(format!("Councils ({})", plan.councils.len()))
        .id_salt("nav councils")
        .default_open(true)
        .show(ui, |ui| {
            for (i, c) in plan.councils.iter().enumerate() {
                let posts = derived.council_posts.get(i).copied().unwrap_or_default();
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(rect, 2.0, theme::council_colour(c.colour));
                    if ui
                        .selectable_label(false, format!("{} ({posts})", c.short_name))
                        .on_hover_text(&c.name)
                        .clicked()
                    {
                        commands.push(Command::JumpTo(Location::Council(c.id.clone())));
                    }
                });
            }
        });
    CollapsingHeader::new(format!("Functions ({})", plan.functions.len()))
        .id_salt("nav functions")
        .default_open(true)
        .show(ui, |ui| {
            for (fi, f) in plan.functions.iter().enumerate() {
                let posts = derived.function_posts.get(fi).copied().unwrap_or_default();
                let roles: Vec<(usize, &crate::model::Role)> = plan
                    .roles
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.function == f.id)
                    .collect();
                CollapsingHeader::new(format!("{} ({} roles, {posts} posts)", f.name, roles.len()))
                    .id_salt(("nav function", &f.id))
                    .default_open(false)
                    .show(ui, |ui| {
                        if ui.small_button(format!("Edit {}", f.name)).clicked() {
                            commands.push(Command::JumpTo(Location::Function(f.id.clone())));
                        }
                        for (ri, r) in roles {
                            let posts = derived.role_posts.get(ri).copied().unwrap_or_default();
                            if ui
                                .selectable_label(false, format!("{} ({posts})", r.title))
                                .clicked()
                            {
                                commands.push(Command::JumpTo(Location::Role(r.id.clone())));
                            }
                        }
                    });
            }
        });
}
