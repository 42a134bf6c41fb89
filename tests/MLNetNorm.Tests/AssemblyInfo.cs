// TorchSharp's global state (seed, thread count) and the 2-core machines make method-level parallelism a source of
// flakiness and no speed; classes run one at a time.
[assembly: DoNotParallelize]
