using Live.ToolLoopTests;

namespace Live;

/// <summary>The shared loopback server (<c>tests/Shared/LoopbackServer.cs</c>) as one of the tool-loop tests' two servers.</summary>
internal sealed partial class LoopbackServer : ITestServer;
