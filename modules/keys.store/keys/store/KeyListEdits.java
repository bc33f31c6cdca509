package keys.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import keys.domain.ClientKey;
import keys.domain.Project;

/**
 * The key lists of a {@link State} being built, by project, by organization and by team, kept in
 * step as keys come and go, as projects join and leave teams, and as projects, teams and
 * organizations are deleted; with the count of keys. {@link StateBuilder} hands it those changes.
 */
final class KeyListEdits {
    private final CowMap<Long, KeyList> byProject;
    private final CowMap<Long, KeyList> byOrg;
    private final CowMap<Long, KeyList> byTeam;
    /** The lists touched so far, by project, by organization and by team. */
    private final Map<Long, KeyListEditor> projectEdits = new HashMap<>();
    private final Map<Long, KeyListEditor> orgEdits = new HashMap<>();
    private final Map<Long, KeyListEditor> teamEdits = new HashMap<>();
    /**
     * By project: its editor, its organization's (null for an unknown project), then one per team
     * of the project, so that a key costs one lookup, not several. Cleared whenever a project, team
     * or organization changes.
     */
    private final LongMap<KeyListEditor[]> keyEditors = new LongMap<>();
    /** The builder's projects as they stand. */
    private final CowMap<Long, Project> projects;
    private long keyCount;

    KeyListEdits(State s, CowMap<Long, Project> projects) {
        this.byProject = new CowMap<>(s.keysByProject);
        this.byOrg = new CowMap<>(s.keysByOrg);
        this.byTeam = new CowMap<>(s.keysByTeam);
        this.projects = projects;
        this.keyCount = s.keyCount;
    }

    long keyCount() {
        return keyCount;
    }

    void put(ClientKey k) {
        KeyListEditor[] editors = editors(k.projectId());
        if (editors[0].put(k)) {
            keyCount++;
        }
        for (int i = 1; i < editors.length; i++) {
            if (editors[i] != null) {
                editors[i].put(k);
            }
        }
    }

    void delete(long projectId, long id) {
        KeyListEditor[] editors = editors(projectId);
        if (!editors[0].remove(id)) {
            return; // not this project's key: the organization's and teams' lists keep theirs
        }
        keyCount--;
        for (int i = 1; i < editors.length; i++) {
            if (editors[i] != null) {
                editors[i].remove(id);
            }
        }
    }

    /** Before {@code now} replaces {@code old} (null for a new project): its keys follow its teams. */
    void projectChanging(Project old, Project now) {
        keyEditors.clear();
        List<Long> before = old == null ? List.of() : old.teamIds();
        List<Long> after = now.teamIds();
        if (before.equals(after)) {
            return;
        }
        KeyListEditor edited = projectEdits.get(now.id());
        KeyList keys = edited != null ? edited.build() : orEmpty(byProject.get(now.id()));
        if (keys.isEmpty()) {
            return; // the usual case: a project is made, or replayed, before its keys
        }
        for (long t : before) {
            if (!after.contains(t)) {
                removeAll(teamEditor(t), keys);
            }
        }
        for (long t : after) {
            if (!before.contains(t)) {
                KeyListEditor teamKeys = teamEditor(t);
                for (ClientKey k : keys) {
                    teamKeys.put(k);
                }
            }
        }
    }

    /** Its keys go, from its organization's and teams' lists too. */
    void projectDeleted(Project p) {
        keyEditors.clear();
        KeyList keys = projectEditor(p.id()).build();
        removeAll(orgEditor(p.orgId()), keys);
        for (long t : p.teamIds()) {
            removeAll(teamEditor(t), keys);
        }
        keyCount -= keys.size();
        projectEdits.put(p.id(), new KeyListEditor(KeyList.EMPTY));
    }

    /** Its projects have left it already, and their keys with them. */
    void teamDeleted(long id) {
        keyEditors.clear();
        teamEdits.remove(id);
        byTeam.remove(id);
    }

    /** Its projects are deleted already. */
    void orgDeleted(long id) {
        keyEditors.clear();
        orgEdits.remove(id);
        byOrg.remove(id);
    }

    /** The edits so far into the lists; then {@link #byProject()} and the others are the next state's. */
    void finish() {
        keyEditors.clear();
        finish(projectEdits, byProject);
        finish(orgEdits, byOrg);
        finish(teamEdits, byTeam);
    }

    Map<Long, KeyList> byProject() {
        return byProject.build();
    }

    Map<Long, KeyList> byOrg() {
        return byOrg.build();
    }

    Map<Long, KeyList> byTeam() {
        return byTeam.build();
    }

    private static void finish(Map<Long, KeyListEditor> edits, CowMap<Long, KeyList> lists) {
        for (Map.Entry<Long, KeyListEditor> e : edits.entrySet()) {
            KeyList list = e.getValue().build();
            if (list.isEmpty()) {
                lists.remove(e.getKey());
            } else {
                lists.put(e.getKey(), list);
            }
        }
        edits.clear();
    }

    private KeyListEditor[] editors(long projectId) {
        KeyListEditor[] editors = keyEditors.get(projectId);
        if (editors == null) {
            Project p = projects.get(projectId);
            List<Long> teamIds = p == null ? List.of() : p.teamIds();
            editors = new KeyListEditor[2 + teamIds.size()];
            editors[0] = projectEditor(projectId);
            editors[1] = p == null ? null : orgEditor(p.orgId());
            for (int i = 0; i < teamIds.size(); i++) {
                editors[2 + i] = teamEditor(teamIds.get(i));
            }
            keyEditors.put(projectId, editors);
        }
        return editors;
    }

    private static void removeAll(KeyListEditor editor, KeyList keys) {
        for (ClientKey k : keys) {
            editor.remove(k.id());
        }
    }

    private KeyListEditor projectEditor(long projectId) {
        return projectEdits.computeIfAbsent(projectId, id -> new KeyListEditor(orEmpty(byProject.get(id))));
    }

    private KeyListEditor orgEditor(long orgId) {
        return orgEdits.computeIfAbsent(orgId, id -> new KeyListEditor(orEmpty(byOrg.get(id))));
    }

    private KeyListEditor teamEditor(long teamId) {
        return teamEdits.computeIfAbsent(teamId, id -> new KeyListEditor(orEmpty(byTeam.get(id))));
    }

    private static KeyList orEmpty(KeyList list) {
        return list == null ? KeyList.EMPTY : list;
    }
}
