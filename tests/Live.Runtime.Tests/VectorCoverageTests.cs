using System.Text.Json;
using Live.Runtime.Tests.Infrastructure;
using Live.Runtime.Tests.Integration;

namespace Live.Runtime.Tests;

/// <summary>
/// Every golden vector is covered by a named test, and the committed copy equals the shared protocol vectors.
/// A new vector file fails <see cref="Every_vector_file_has_a_test"/> until it is added to <see cref="Coverage"/>.
/// </summary>
public class VectorCoverageTests
{
    /// <summary>Vector file (without .json) → the test(s) that cover it.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Coverage = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["afc_callable_tool_not_invoked"] = [nameof(SetupVectorTests.Afc_callable_tool_not_invoked)],
        ["client_close"] = [nameof(CloseVectorTests.Client_close), nameof(LoopbackTests.Connect_receives_setup_complete_and_closes_with_1000)],
        ["client_content_function_call_part_unwrapped_error"] = [nameof(ClientMessageVectorTests.Client_content_function_call_part_unwrapped_error)],
        ["client_content_function_response_part"] = [nameof(ClientMessageVectorTests.Client_content_function_response_part)],
        ["client_content_history_incomplete"] = [nameof(ClientMessageVectorTests.Client_content_history_incomplete)],
        ["client_content_inline_data"] = [nameof(ClientMessageVectorTests.Client_content_inline_data)],
        ["client_content_no_turns"] = [nameof(ClientMessageVectorTests.Client_content_no_turns)],
        ["client_content_no_turns_incomplete"] = [nameof(ClientMessageVectorTests.Client_content_no_turns_incomplete)],
        ["client_content_parts_list"] = [nameof(ClientMessageVectorTests.Client_content_parts_list)],
        ["client_content_single_content"] = [nameof(ClientMessageVectorTests.Client_content_single_content)],
        ["client_content_string"] = [nameof(ClientMessageVectorTests.Client_content_string)],
        ["close_1000_normal"] = [nameof(CloseVectorTests.Server_close_ends_receive_with_the_right_outcome), nameof(LoopbackTests.Server_close_with_each_code)],
        ["close_1007_invalid_argument"] = [nameof(CloseVectorTests.Server_close_ends_receive_with_the_right_outcome), nameof(LoopbackTests.Server_close_with_each_code)],
        ["close_1008_policy"] = [nameof(CloseVectorTests.Server_close_ends_receive_with_the_right_outcome), nameof(LoopbackTests.Server_close_with_each_code)],
        ["close_1011_internal"] = [nameof(CloseVectorTests.Server_close_ends_receive_with_the_right_outcome), nameof(LoopbackTests.Server_close_with_each_code)],
        ["close_4xxx_application"] = [nameof(CloseVectorTests.Server_close_ends_receive_with_the_right_outcome), nameof(LoopbackTests.Server_close_with_each_code)],
        ["close_before_setup_complete"] = [nameof(CloseVectorTests.Close_before_setup_complete), nameof(LoopbackTests.Close_before_setup_complete_fails_connect)],
        ["connect_gemini_base_url_override"] = [nameof(ConnectVectorTests.Connect_gemini_base_url)],
        ["connect_gemini_base_url_trailing_slash"] = [nameof(ConnectVectorTests.Connect_gemini_base_url)],
        ["connect_gemini_base_url_with_path"] = [nameof(ConnectVectorTests.Connect_gemini_base_url)],
        ["connect_gemini_default_endpoint"] = [nameof(ConnectVectorTests.Connect_gemini_default_endpoint)],
        ["connect_gemini_env_vars"] = [nameof(ConnectVectorTests.Connect_gemini_env_vars), nameof(ConnectVectorTests.Connect_gemini_env_vars_google_api_key_wins_and_options_base_url_wins)],
        ["connect_gemini_ephemeral_token"] = [nameof(ConnectVectorTests.Connect_gemini_ephemeral_token)],
        ["connect_gemini_v1beta"] = [nameof(ConnectVectorTests.Connect_gemini_v1beta)],
        ["connect_vertex_custom_base_url_no_auth"] = [nameof(ConnectVectorTests.Connect_vertex_custom_base_url_no_auth)],
        ["connect_vertex_express_api_key"] = [nameof(ConnectVectorTests.Connect_vertex_express_api_key)],
        ["connect_vertex_global"] = [nameof(ConnectVectorTests.Connect_vertex_global), nameof(ConnectVectorTests.Connect_vertex_location_hosts)],
        ["connect_vertex_project_location"] = [nameof(ConnectVectorTests.Connect_vertex_project_location)],
        ["connect_waits_for_setup_complete"] = [nameof(CloseVectorTests.Connect_waits_for_setup_complete), nameof(CloseVectorTests.Connect_times_out_without_setup_complete), nameof(LoopbackTests.Setup_timeout_gives_a_clear_error)],
        ["context_update"] = [nameof(ClientMessageVectorTests.Context_update)],
        ["realtime_activity_end"] = [nameof(ClientMessageVectorTests.Realtime_activity_end)],
        ["realtime_activity_start"] = [nameof(ClientMessageVectorTests.Realtime_activity_start)],
        ["realtime_audio"] = [nameof(ClientMessageVectorTests.Realtime_audio), nameof(LoopbackTests.Audio_streamed_in_chunks_and_audio_answer_reassembled_from_fragments)],
        ["realtime_audio_stream_end"] = [nameof(ClientMessageVectorTests.Realtime_audio_stream_end)],
        ["realtime_audio_wrong_mime_error"] = [nameof(ClientMessageVectorTests.Realtime_audio_wrong_mime_error)],
        ["realtime_media_chunks_deprecated"] = [nameof(ClientMessageVectorTests.Realtime_media_chunks_deprecated)],
        ["realtime_multiple_fields"] = [nameof(ClientMessageVectorTests.Realtime_multiple_fields)],
        ["realtime_text"] = [nameof(ClientMessageVectorTests.Realtime_text)],
        ["realtime_video"] = [nameof(ClientMessageVectorTests.Realtime_video)],
        ["server_content_audio"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_generation_complete"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_grounding_metadata"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_input_transcription"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_interrupted"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_mixed_parts"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_output_transcription"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_text"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_content_turn_complete"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_go_away"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_messages_before_setup_complete"] = [nameof(ServerMessageVectorTests.Server_messages_before_setup_complete)],
        ["server_non_json_frame"] = [nameof(ServerMessageVectorTests.Server_non_json_frame)],
        ["server_session_resumption_update"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_setup_complete"] = [nameof(ServerMessageVectorTests.Server_setup_complete), nameof(LoopbackTests.Connect_receives_setup_complete_and_closes_with_1000)],
        ["server_tool_call"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it), nameof(LoopbackTests.Tool_call_answered)],
        ["server_tool_call_cancellation"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_unknown_field"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_usage_metadata"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["server_vertex_usage_metadata_mapping"] = [nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it)],
        ["setup_deprecated_generation_config"] = [nameof(SetupVectorTests.Setup_deprecated_generation_config)],
        ["setup_generation_config_conflict_error"] = [nameof(SetupVectorTests.Setup_generation_config_conflict_error)],
        ["setup_minimal"] = [nameof(SetupVectorTests.Setup_minimal)],
        ["setup_rich_audio"] = [nameof(SetupVectorTests.Setup_rich_audio)],
        ["setup_rich_text"] = [nameof(SetupVectorTests.Setup_rich_text)],
        ["setup_schema_normalization"] = [nameof(SetupVectorTests.Setup_schema_normalization)],
        ["setup_vertex_only_fields"] = [nameof(SetupVectorTests.Setup_vertex_only_fields)],
        ["tool_response_empty_error"] = [nameof(ClientMessageVectorTests.Tool_response_empty_error)],
        ["tool_response_missing_id_error"] = [nameof(ClientMessageVectorTests.Tool_response_missing_id_error)],
        ["tool_response_multiple"] = [nameof(ClientMessageVectorTests.Tool_response_multiple)],
        ["tool_response_scheduling"] = [nameof(ClientMessageVectorTests.Tool_response_scheduling)],
        ["tool_response_single"] = [nameof(ClientMessageVectorTests.Tool_response_single)],
        ["tool_response_vertex_without_id"] = [nameof(ClientMessageVectorTests.Tool_response_vertex_without_id)],
        ["upgrade_rejected_http_403"] = [nameof(LoopbackTests.Upgrade_rejected_http_403)],
    };

    [Fact]
    public void Every_vector_file_has_a_test()
    {
        List<string> files = Vector.AllNames().ToList();
        Assert.NotEmpty(files);
        Assert.Empty(files.Except(Coverage.Keys));   // a vector without a test
        Assert.Empty(Coverage.Keys.Except(files));   // a test for a vector that is gone
    }

    [Fact]
    public void Every_server_message_vector_is_in_the_theory_or_has_its_own_test()
    {
        var theory = ((IEnumerable<object?[]>)ServerMessageVectorTests.ExposedMessageVectors).Select(row => (string)row[0]!).ToHashSet();
        foreach ((string name, string[] tests) in Coverage)
        {
            bool inTheory = tests.Contains(nameof(ServerMessageVectorTests.Server_message_reads_as_the_official_client_exposes_it));
            Assert.Equal(inTheory, theory.Contains(name));
        }
    }

    [Fact]
    public void Vectors_equal_the_shared_protocol_vectors()
    {
        string shared = RepoPaths.SharedVectorsFolder;
        string committed = RepoPaths.CommittedVectorsFolder;
        Assert.True(Directory.Exists(committed), committed);
        if (!Directory.Exists(shared))
        {
            // Without ../shared beside the repository there is nothing to compare with; the copy still has to be complete.
            Assert.Equal(Coverage.Count, Directory.GetFiles(committed, "*.json").Length);
            return;
        }

        string[] Names(string folder) => Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(Names(shared), Names(committed));
        foreach (string name in Names(shared))
        {
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(shared, name)));
            using JsonDocument actual = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(committed, name)));
            Assert.True(JsonAssert.AreEqual(expected.RootElement, actual.RootElement), $"{name} differs from ../shared/protocol/vectors/{name}: copy it again.");
        }
    }

    [Fact]
    public void Json_equality_ignores_member_order_but_nothing_else()
    {
        JsonAssert.Equal("""{"a":1,"b":[1,2],"c":{"d":"x"}}""", """{"c":{"d":"x"},"b":[1,2.0],"a":1}""");
        Assert.ThrowsAny<Exception>(() => JsonAssert.Equal("""{"a":1}""", """{"a":2}"""));
        Assert.ThrowsAny<Exception>(() => JsonAssert.Equal("""{"a":1}""", """{"a":1,"b":null}"""));
        Assert.ThrowsAny<Exception>(() => JsonAssert.Equal("""[1,2]""", """[2,1]"""));
        Assert.ThrowsAny<Exception>(() => JsonAssert.Equal("""{"a":"1"}""", """{"a":1}"""));
        Assert.ThrowsAny<Exception>(() => JsonAssert.Equal("""{"a":true}""", """{"a":false}"""));
    }
}
