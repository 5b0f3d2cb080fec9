using System.Xml;
using System.Xml.Linq;
using Live.Tools.Generator.Parsing;

namespace Live.Tools.Generator.Tests;

/// <summary>
/// The generator's own reader of doc-comment XML builds exactly the tree <c>XElement.Parse</c> builds, and leaves to it
/// everything it does not read itself (so descriptions never depend on which reader ran).
/// </summary>
public class DocXmlTests
{
    public static TheoryData<string> PlainComments => new()
    {
        "<member name=\"M:Many.Tools.Get(System.String)\">\n    <summary>Tool 0 of class 0.</summary>\n    <param name=\"city\">The city.</param>\n</member>",
        "<member>\n <summary>Adds <paramref name=\"a\"/> and\n <c>b</c>; see <see cref=\"T:System.Math\"/>.</summary>\n</member>",
        "<member name='M:X'><summary>Less &lt; more &gt; and &amp; &quot;quoted&quot; &apos;single&apos; &#65;&#x42; &#x1F600;</summary></member>",
        "<member>\r\n<summary>Windows\r\nline breaks\rand a lone CR</summary>\r\n</member>",
        "  <doc><summary></summary><param name = \"x\" >  </param><para/><list type=\"bullet\"><item><description>One</description></item></list></doc>  ",
        "<member><summary>Emoji \U0001F600 and accents é ü</summary><example><code>var x = a > b;</code></example></member>",
    };

    public static TheoryData<string> OtherXml => new()
    {
        "<member><summary><![CDATA[raw <text>]]></summary></member>",
        "<member><!-- note --><summary>Text</summary></member>",
        "<?xml version=\"1.0\"?><member><summary>Text</summary></member>",
        "<member xmlns=\"urn:x\"><summary>Text</summary></member>",
        "<member><summary xml:lang=\"en\">Text</summary></member>",
        "<member><summary>Unknown &nbsp; entity</summary></member>",
        "<member><summary cref=\"a\ttab\">Text</summary></member>",
        "<member><summary>Unclosed</member>",
        "<member><summary>Text</summary>",
        "<member a=\"1\" a=\"2\"/>",
        "<member a=\"1\"b=\"2\"/>",
        "<member><summary>Text ]]> end</summary></member>",
        "<member><summary>Bad &#0; char</summary></member>",
        "<member><ns:summary>Text</ns:summary></member>",
        "<member>one</member><member>two</member>",
        "plain text, not XML",
    };

    [Theory]
    [MemberData(nameof(PlainComments))]
    public void A_plain_comment_is_read_into_the_tree_XElement_Parse_builds(string xml)
    {
        XElement? read = DocXml.TryParse(xml);

        Assert.NotNull(read);
        XElement expected = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        Assert.True(XNode.DeepEquals(expected, read), "read " + read + " but XElement.Parse built " + expected);
        Assert.Equal(expected.ToString(SaveOptions.DisableFormatting), read!.ToString(SaveOptions.DisableFormatting));
    }

    [Theory]
    [MemberData(nameof(OtherXml))]
    public void Other_xml_is_left_to_XElement_Parse(string xml)
    {
        Assert.Null(DocXml.TryParse(xml));

        // What XElement.Parse makes of it is what DocComments returns: a tree, or no description.
        XElement? fallback;
        try
        {
            fallback = XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            fallback = null;
        }

        if (xml.Contains("CDATA", StringComparison.Ordinal))
        {
            Assert.Equal("raw <text>", fallback!.Element("summary")!.Value);
        }
    }
}
