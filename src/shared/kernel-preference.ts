/** Which kernel set to train with: the nnBuilder.engine.kernels setting, a job's choice, NN_BUILDER_KERNELS. */
export const KERNEL_PREFERENCES = ['auto', 'typescript', 'wasm'] as const;

export type KernelPreference = (typeof KERNEL_PREFERENCES)[number];
