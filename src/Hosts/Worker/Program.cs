using Seer.Toolkit.Hosts.Worker;

// seer-worker: one process per rank (mpirun -np N seer-worker VERB, or srun). The verbs are in WorkerCli.
return await WorkerCli.Create().Parse(args).InvokeAsync();
