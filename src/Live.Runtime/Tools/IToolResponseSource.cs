namespace Live;

/// <summary>
/// The tool loop's side of a <c>toolResponse</c> send: which responses go out is decided when the frame is written
/// (see <see cref="AsyncSession.SendToolResponsesWhenReadyAsync(IToolResponseSource, CancellationToken)"/>).
/// </summary>
internal interface IToolResponseSource
{
    /// <summary>
    /// The responses to write now; null or empty when there is nothing to send. Called once per attempt to write the frame
    /// (again on a new connection when the first attempt found the connection gone).
    /// </summary>
    /// <param name="deliveredMessageCount">The session's <see cref="AsyncSession.DeliveredMessageCount"/> at this moment.</param>
    /// <returns>The responses.</returns>
    List<FunctionResponse>? Collect(long deliveredMessageCount);
}
