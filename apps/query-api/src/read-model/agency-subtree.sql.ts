/**
 * The agency named by $1 and every agency below it in the tree as registered now. UNION (not UNION ALL)
 * makes a mistaken cycle in the registered tree terminate instead of recursing forever.
 */
export const SUBTREE_CTE = `
  tree(code, level) AS (
    SELECT code, level FROM agencies WHERE code = $1
    UNION
    SELECT a.code, a.level FROM agencies a JOIN tree t ON a.parent_code = t.code
  )`;
