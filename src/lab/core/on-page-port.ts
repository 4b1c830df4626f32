// The global through which connect.ts hands a MessagePort to worker.ts when it runs that script on
// the page (a frame that may not start a Worker). Set just before the import, removed just after.
export const ON_PAGE_PORT = '__layerlabCorePort';
