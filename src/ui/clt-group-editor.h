/* clt-group-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_GROUP_EDITOR (clt_group_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltGroupEditor, clt_group_editor, CLT, GROUP_EDITOR, AdwWindow)

/* The Add Group / Edit Group dialog (see CltShopEditor): a name no other
 * group has (compared without regard to case) and a description. A new
 * group's code is made of its name. Signal "saved" (CltGroup *stored). */

/* @group: (nullable): the group to edit (copied), NULL to add one;
 * @groups: (nullable): the groups there are, whose names are taken. */
CltGroupEditor *clt_group_editor_new (CltStore  *store,
                                      CltGroup  *group,
                                      GPtrArray *groups);

G_END_DECLS
