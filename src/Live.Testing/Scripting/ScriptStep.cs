namespace Live.Testing;

/// <summary>One step of a <see cref="LiveScript"/>.</summary>
/// <param name="Description">What the step does, for failure messages.</param>
/// <param name="Run">Runs the step.</param>
internal sealed record ScriptStep(string Description, Func<ScriptContext, Task> Run);
