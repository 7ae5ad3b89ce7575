using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.ServiceNow.Tests.Queries;

public class EncodedQueryTests
{
    [Fact]
    public void Build_AndOrNewQueryAndOrdering_JoinsWithServiceNowSeparators()
    {
        var query = EncodedQuery.Create()
            .Where("active", "true")
            .And("priority", QueryOperator.LessThanOrEqual, "2")
            .Or("urgency", QueryOperator.Equals, "1")
            .NewQuery("caller_id.user_name", QueryOperator.StartsWith, "snc.")
            .OrderByDescending("sys_updated_on")
            .OrderBy("number");

        var text = query.Build();

        Assert.Equal("active=true^priority<=2^ORurgency=1^NQcaller_id.user_nameSTARTSWITHsnc.^ORDERBYDESCsys_updated_on^ORDERBYnumber", text);
    }

    [Theory]
    [InlineData(QueryOperator.NotEquals, "x", "f!=x")]
    [InlineData(QueryOperator.Like, "x", "fLIKEx")]
    [InlineData(QueryOperator.NotLike, "x", "fNOT LIKEx")]
    [InlineData(QueryOperator.EndsWith, "x", "fENDSWITHx")]
    [InlineData(QueryOperator.NotIn, "a,b", "fNOT INa,b")]
    [InlineData(QueryOperator.GreaterThan, "5", "f>5")]
    [InlineData(QueryOperator.GreaterThanOrEqual, "5", "f>=5")]
    [InlineData(QueryOperator.LessThan, "5", "f<5")]
    [InlineData(QueryOperator.IsEmpty, null, "fISEMPTY")]
    [InlineData(QueryOperator.IsNotEmpty, null, "fISNOTEMPTY")]
    public void Where_EachOperator_WritesServiceNowSyntax(QueryOperator op, string? value, string expected)
    {
        var text = EncodedQuery.Create().Where("f", op, value).Build();

        Assert.Equal(expected, text);
    }

    [Fact]
    public void WhereIn_Values_JoinsWithCommas()
    {
        var text = EncodedQuery.Create().WhereIn("sys_id", ["a1", "b2", "c3"]).Build();

        Assert.Equal("sys_idINa1,b2,c3", text);
    }

    [Fact]
    public void Build_OnlyOrdering_HasNoLeadingCaret()
    {
        var text = EncodedQuery.Create().OrderBy("sys_id").Build();

        Assert.Equal("ORDERBYsys_id", text);
    }

    [Theory]
    [InlineData("a^ORactive=false")]
    [InlineData("line\nbreak")]
    public void Where_ValueThatWouldStartAnotherCondition_IsRejected(string value)
    {
        Assert.Throws<ArgumentException>(() => EncodedQuery.Create().Where("correlation_id", value));
    }

    [Theory]
    [InlineData("active=true")]
    [InlineData("")]
    [InlineData("name^OR")]
    [InlineData("1st")]
    public void Where_InvalidFieldName_IsRejected(string field)
    {
        Assert.Throws<ArgumentException>(() => EncodedQuery.Create().Where(field, "x"));
    }

    [Fact]
    public void Or_WithoutConditionBefore_IsRejected()
    {
        Assert.Throws<InvalidOperationException>(() => EncodedQuery.Create().Or("active", "true"));
    }

    [Fact]
    public void WhereIn_ValueWithComma_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => EncodedQuery.Create().WhereIn("name", ["a,b"]));
    }

    [Fact]
    public void IsOrderedBy_EitherDirection_IsTrue()
    {
        var query = EncodedQuery.Create().OrderByDescending("sys_id");

        Assert.True(query.IsOrderedBy("sys_id"));
        Assert.False(query.IsOrderedBy("number"));
    }
}
