// The name of a share link's parameter in the URL fragment (`#lab=…`), apart from the codec (share.ts),
// so the page can see a link without loading it: the lab's core decodes it.
export const SHARE_PARAM = 'lab';
