using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditStatusLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
