#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a user-visible string is not marked for translation. It reads
# every .ui template and every C source under src/ and resources/:
#
#  - in a template, a property that people see or hear (label, title,
#    tooltip-text, placeholder-text, an accessible label or description, …)
#    with text in it must carry translatable="yes";
#  - in C, a string literal given to a call that shows text to people
#    (gtk_label_set_text, adw_toast_new, g_set_error, an accessible label, …)
#    must be wrapped in _(), N_(), C_(), NC_() or g_dngettext ();
#  - a marked C string may not be cut short by a macro such as
#    G_GINT64_FORMAT: xgettext stops at the macro, and the translation of
#    the stub is never looked up.
#
# Prints TAP; each problem names the file, the line and the text.

import os
import re
import sys
import xml.etree.ElementTree as ET

srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                         else os.path.join(os.path.dirname(__file__), '..'))

UI_VISIBLE = {
    'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
    'description', 'heading', 'body', 'text', 'secondary-text', 'primary-text',
    'button-label', 'accept-label', 'cancel-label', 'icon-name-text', 'comments',
    'program-name', 'website-label', 'title-text',
}
# Properties named like those that hold no words: ids, icons, names of actions.
UI_NOT_TEXT_CLASSES = {'GtkShortcutsShortcut.accelerator', 'GtkShortcutsShortcut.action-name'}

# function name -> index (0-based) of the argument that people see. Several
# indices where a function takes more than one text.
C_VISIBLE = {
    'gtk_label_set_text': [1], 'gtk_label_set_label': [1], 'gtk_label_set_markup': [1],
    'gtk_label_new': [0], 'gtk_label_new_with_mnemonic': [0],
    'gtk_button_set_label': [1], 'gtk_button_new_with_label': [0],
    'gtk_button_new_with_mnemonic': [0], 'gtk_check_button_set_label': [1],
    'gtk_widget_set_tooltip_text': [1], 'gtk_widget_set_tooltip_markup': [1],
    'gtk_window_set_title': [1], 'gtk_entry_set_placeholder_text': [1],
    'gtk_editable_set_text': [], 'gtk_menu_button_set_label': [1],
    'gtk_file_chooser_native_new': [0, 3, 4], 'gtk_file_filter_set_name': [1],
    'gtk_column_view_column_new': [0], 'gtk_column_view_column_set_title': [1],
    'adw_window_title_set_title': [1], 'adw_window_title_set_subtitle': [1],
    'adw_window_title_new': [0, 1],
    'adw_toast_new': [0], 'adw_toast_set_title': [1], 'adw_toast_set_button_label': [1],
    'adw_preferences_row_set_title': [1], 'adw_action_row_set_subtitle': [1],
    'adw_expander_row_set_subtitle': [1], 'adw_preferences_group_set_title': [1],
    'adw_preferences_group_set_description': [1], 'adw_preferences_page_set_title': [1],
    'adw_status_page_set_title': [1], 'adw_status_page_set_description': [1],
    'adw_message_dialog_new': [1, 2], 'adw_message_dialog_set_heading': [1],
    'adw_message_dialog_set_body': [1], 'adw_message_dialog_add_response': [2],
    'adw_message_dialog_format_body': [1], 'adw_message_dialog_format_heading': [1],
    'adw_view_stack_add_titled': [3], 'adw_view_stack_page_set_title': [1],
    'adw_entry_row_set_title': [1], 'adw_combo_row_set_title': [1],
    'g_set_error': [3], 'g_set_error_literal': [3], 'g_task_return_new_error': [3],
    'g_error_new': [2], 'g_error_new_literal': [2], 'g_prefix_error': [1],
    'clt_store_error_new_invalid': [1],
    'g_notification_new': [0], 'g_notification_set_body': [1],
    'g_option_context_new': [0], 'g_option_context_set_summary': [1],
    'g_option_context_set_description': [1],
}
MARKS = ('_(', 'N_(', 'C_(', 'NC_(', 'g_dngettext', 'ngettext', 'g_dpgettext2', 'gettext')
C_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
WORDS = re.compile(r'[A-Za-z]{2,}')


def has_words(text):
    """Only text with a word in it needs a translation; "%s: %s" or "—" not."""
    stripped = re.sub(r'%[-+ #0\']*[0-9]*(?:\.[0-9]+)?(?:l|ll|h|z)?[a-zA-Z]', '', text)
    return WORDS.search(stripped) is not None


def check_ui(rel, problems):
    path = os.path.join(srcdir, rel)
    tree = ET.parse(path)
    parents = {c: p for p in tree.iter() for c in p}
    for node in tree.iter():
        if node.tag not in ('property', 'attribute', 'item', 'response'):
            continue
        name = node.get('name', '')
        if node.tag == 'property' and name not in UI_VISIBLE:
            continue
        if node.tag == 'attribute' and name != 'label':
            continue
        owner = parents.get(node)
        while owner is not None and owner.tag not in ('object', 'template'):
            owner = parents.get(owner)
        klass = owner.get('class', owner.get('parent', '')) if owner is not None else ''
        if '%s.%s' % (klass, name) in UI_NOT_TEXT_CLASSES:
            continue
        text = (node.text or '').strip()
        if node.tag == 'item' and parents.get(node) is not None \
                and parents[node].tag != 'items':
            continue
        if not text or not has_words(text):
            continue
        if node.get('translatable') in ('yes', 'true', '1'):
            continue
        problems.append('%s: <%s name="%s">%s</%s> is not translatable="yes"'
                        % (rel, node.tag, name, text, node.tag))


def split_args(text, start):
    """The top-level arguments of the call whose '(' is at text[start]."""
    depth = 0
    args = []
    current = []
    i = start
    while i < len(text):
        ch = text[i]
        if ch == '"':
            m = C_STRING.match(text, i)
            if m is None:
                return None
            current.append(m.group(0))
            i = m.end()
            continue
        if ch == "'":
            m = re.match(r"'(?:[^'\\]|\\.)*'", text[i:])
            if m:
                current.append(m.group(0))
                i += m.end()
                continue
        if ch in '([{':
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif ch in ')]}':
            depth -= 1
            if depth == 0:
                args.append(''.join(current).strip())
                return args
        elif ch == ',' and depth == 1:
            args.append(''.join(current).strip())
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    return None


def strip_comments(text):
    """Blanks out comments, keeping line numbers and string literals."""
    out = []
    i = 0
    while i < len(text):
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = len(text) if end < 0 else end + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:end]))
            i = end
        elif text.startswith('//', i):
            end = text.find('\n', i)
            end = len(text) if end < 0 else end
            out.append(' ' * (end - i))
            i = end
        elif text[i] == '"':
            m = C_STRING.match(text, i)
            end = m.end() if m else i + 1
            out.append(text[i:end])
            i = end
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)


CALL = re.compile(r'\b(' + '|'.join(sorted(C_VISIBLE, key=len, reverse=True)) + r')\s*\(')
MARKED = re.compile(r'\b(?:N?C?_|g_dngettext|g_dpgettext2|ngettext)\s*\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+)([^,)\s]*)')


def check_c(rel, problems):
    with open(os.path.join(srcdir, rel), encoding='utf-8') as f:
        text = strip_comments(f.read())
    for m in CALL.finditer(text):
        args = split_args(text, m.end() - 1)
        if args is None:
            continue
        for index in C_VISIBLE[m.group(1)]:
            if index >= len(args):
                continue
            arg = args[index]
            if not arg.startswith('"'):
                continue
            literal = ''.join(s[1:-1] for s in C_STRING.findall(arg))
            if not has_words(literal):
                continue
            line = text.count('\n', 0, m.start()) + 1
            problems.append('%s:%d: %s () shows "%s" untranslated: wrap it in _()'
                            % (rel, line, m.group(1), literal))
    for m in MARKED.finditer(text):
        if m.group(2) and not m.group(2).startswith(('"',)) and re.match(r'[A-Z_]', m.group(2)):
            line = text.count('\n', 0, m.start()) + 1
            problems.append('%s:%d: a translatable string is cut short by the macro %s: '
                            'xgettext and gettext see only the text before it'
                            % (rel, line, m.group(2)))


def sources():
    for top in ('src', 'resources'):
        for root, dirs, files in os.walk(os.path.join(srcdir, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(('.c', '.ui')):
                    yield os.path.relpath(os.path.join(root, name), srcdir)


ui_problems = []
c_problems = []
for rel in sources():
    if rel.endswith('.ui'):
        check_ui(rel, ui_problems)
    else:
        check_c(rel, c_problems)

tests = [('every visible text in a template is translatable', ui_problems),
         ('every visible text in C is marked for translation', c_problems)]
print('1..%d' % len(tests))
failed = 0
for i, (name, problems) in enumerate(tests, 1):
    print('%s %d - %s' % ('not ok' if problems else 'ok', i, name))
    for p in problems:
        failed += 1
        print('# %s' % p)
        print(p, file=sys.stderr)
sys.exit(1 if failed else 0)
