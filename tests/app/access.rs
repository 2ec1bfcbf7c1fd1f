//! What assistive technology reads: the AccessKit tree walked view by view.

use super::*;
use egui_kittest::kittest::AccessKitNode;

/// Every focusable node in the tree that lacks a name or a role, described.
fn nameless(h: &Harness<'_, App>) -> Vec<String> {
    h.root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .filter(|n| n.data().supports_action(egui::accesskit::Action::Focus) && !n.is_hidden())
        .filter(|n| {
            n.label().is_none_or(|l| l.trim().is_empty())
                || matches!(n.role(), Role::Unknown | Role::GenericContainer)
        })
        .map(|n| describe(&n))
        .collect()
}

fn describe(n: &AccessKitNode<'_>) -> String {
    let ancestor = std::iter::successors(n.parent(), AccessKitNode::parent)
        .find_map(|a| a.label())
        .unwrap_or_default();
    format!("{:?} {:?} {:?} in {ancestor:?}", n.role(), n.label(), n.bounding_box())
}

#[test]
fn explore() {
    let (mut h, _) = harness();
    for view in View::ALL {
        let view = view.label();
        click(&mut h, view);
        let bad = nameless(&h);
        eprintln!("{view}: {} nameless", bad.len());
        for b in bad.iter().take(15) {
            eprintln!("   {b}");
        }
    }
}
