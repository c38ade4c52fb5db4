/**
 * The agency named by $1 and every agency below it in the tree as registered now, each with its `branch`:
 * the direct child of $1 it lies under (null for $1 itself). UNION (not UNION ALL) makes a mistaken cycle in
 * the registered tree terminate instead of recursing forever.
 */
export const SUBTREE_CTE = `
  tree(code, level, branch) AS (
    SELECT code, level, NULL::text FROM agencies WHERE code = $1
    UNION
    SELECT a.code, a.level, COALESCE(t.branch, a.code) FROM agencies a JOIN tree t ON a.parent_code = t.code
  )`;
