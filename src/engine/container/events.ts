// Container events for the lab's views (plain data, carried on the engine's event stream).
export type ContainerEvent =
  | { readonly type: 'container-created'; readonly id: string; readonly name: string; readonly imageId: string }
  | { readonly type: 'container-started'; readonly id: string }
  | { readonly type: 'container-exited'; readonly id: string; readonly exitCode: number }
  | { readonly type: 'container-removed'; readonly id: string }
  | { readonly type: 'container-changed'; readonly id: string; readonly changes: number };
