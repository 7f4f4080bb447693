<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountHelpDialog</name>
    <message>
        <location filename="../../desk/views/account_help.py" line="174"/>
        <source>Choose the enterprise first.</source>
        <translation>请先选择企业。</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="191"/>
        <source>The details do not match the enterprise&apos;s records: nothing is shown.</source>
        <translation>信息与企业登记记录不符：不予显示。</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="196"/>
        <source>Identifier: %1    Admin username: %2</source>
        <translation>企业标识：%1    管理员用户名：%2</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="212"/>
        <source>A new password will be sent by SMS to %1.</source>
        <translation>新密码将通过短信发送至 %1。</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="220"/>
        <source>The visitor can call the fair&apos;s help line %1.</source>
        <translation>访客可拨打服贸会服务热线 %1。</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="224"/>
        <source>Account help</source>
        <translation>账户帮助</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="225"/>
        <source>Enterprise name or credit code</source>
        <translation>企业名称或信用代码</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="226"/>
        <source>The visitor is the contact person</source>
        <translation>访客是企业联系人</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="227"/>
        <source>The visitor is a registered person of the enterprise</source>
        <translation>访客是该企业已登记的人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="228"/>
        <source>Visitor&apos;s name</source>
        <translation>访客姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="229"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="230"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="231"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="233"/>
        <source>Check identity</source>
        <translation>核验身份</translation>
    </message>
    <message>
        <location filename="../../desk/views/account_help.py" line="234"/>
        <source>Send a password reset by SMS</source>
        <translation>发送短信重置密码</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="75"/>
        <source>The enterprise&apos;s account</source>
        <translation>企业账户</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="76"/>
        <source>Read the registration terms and privacy notice (version %1) to the visitor; tick only when they agree.</source>
        <translation>请向访客说明注册协议和隐私政策（版本 %1），访客同意后方可勾选。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="79"/>
        <source>The visitor agrees to the registration terms and privacy notice</source>
        <translation>访客同意注册协议和隐私政策</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="81"/>
        <source>Consent</source>
        <translation>注册协议</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="82"/>
        <source>Enterprise identifier</source>
        <translation>企业/机构标识</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="83"/>
        <source>Admin username</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="84"/>
        <source>Registered from</source>
        <translation>注册地区</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="85"/>
        <source>Mobile (mainland)</source>
        <translation>手机（境内）</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="86"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="90"/>
        <source>Proposed from the pinyin initials of the name; 4-20 letters, digits, _ or -</source>
        <translation>根据名称拼音首字母建议；4-20 位字母、数字、_ 或 -</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_account.py" line="92"/>
        <source>A generated password will be sent by SMS to this mobile (by e-mail from abroad). The desk never sees it.</source>
        <translation>系统生成的密码将以短信发送到该手机（境外以电子邮件发送），登记台不会看到密码。</translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="201"/>
        <source>The application</source>
        <translation>参展/参会申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="202"/>
        <source>An attendee without invitation by default. Exhibitors and invited attendees give their invitation code.</source>
        <translation>默认为非受邀参会。参展商和受邀参会企业须填写邀请码。</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <location filename="../../desk/views/attention_panel.py" line="171"/>
        <source>Nothing needs attention.</source>
        <translation>没有待处理事项。</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_panel.py" line="181"/>
        <source>Rejected at stage %1 of the review. Fix the data and send it again.</source>
        <translation>在第 %1 级审核中被驳回。请修改后重新提交。</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_panel.py" line="281"/>
        <source>What was entered (kept)</source>
        <translation>已填写的内容（已保留）</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_panel.py" line="282"/>
        <source>Fix and send again…</source>
        <translation>修改后重新提交…</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_panel.py" line="283"/>
        <source>Send again unchanged</source>
        <translation>原样重新提交</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_panel.py" line="284"/>
        <source>Done</source>
        <translation>已处理</translation>
    </message>
</context>
<context>
    <name>BadgeChoiceModel</name>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="111"/>
        <source>Printed — %1</source>
        <translation>已打印 — %1</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="113"/>
        <source>Not printed: print first</source>
        <translation>未打印：请先打印</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="116"/>
        <source>Handed out to %1</source>
        <translation>已发放给 %1</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="117"/>
        <source>Handed out to the holder</source>
        <translation>已由本人领取</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="136"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="136"/>
        <source>Badge type</source>
        <translation>证件类别</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="136"/>
        <source>Document</source>
        <translation>身份证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="137"/>
        <source>Badge</source>
        <translation>证件状态</translation>
    </message>
</context>
<context>
    <name>BadgesPanel</name>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="176"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="180"/>
        <source>All badge requests</source>
        <translation>全部制证申请</translation>
    </message>
</context>
<context>
    <name>BatchHandOutDialog</name>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="335"/>
        <source>Tick at least one printed badge</source>
        <translation>请至少勾选一张已打印的证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="338"/>
        <source>Enter the collector&apos;s name</source>
        <translation>请填写领取人姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="342"/>
        <source>Choose the type of the document shown</source>
        <translation>请选择所出示证件的类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="360"/>
        <source>Hand out %1 badges to %2 (%3 %4):</source>
        <translation>向 %2（%3 %4）发放 %1 张证件：</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="368"/>
        <source>Not printed, so not handed out: %1</source>
        <translation>尚未打印，本次不发放：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="399"/>
        <source>Recorded. These badges had been handed out before, at another desk: %1. The hand-out is flagged for the fair office.</source>
        <translation>已记录。以下证件此前已在其他登记台发放：%1。本次发放已标记，交组委会办公室核查。</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="425"/>
        <source>Hand out badges to a collector</source>
        <translation>向领取人批量发放证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="427"/>
        <source>The contact person: %1</source>
        <translation>企业联系人：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="428"/>
        <source>The contact person (none registered)</source>
        <translation>企业联系人（未登记）</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="429"/>
        <source>Another named collector</source>
        <translation>其他指定领取人</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="430"/>
        <source>Collected by</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="431"/>
        <source>Badges</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="432"/>
        <source>Collector&apos;s name</source>
        <translation>领取人姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="433"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="435"/>
        <source>Document number (type or scan)</source>
        <translation>证件号码（输入或扫描）</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="436"/>
        <source>The number on the document in hand</source>
        <translation>所持证件上的号码</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="438"/>
        <source>Print the ticked unprinted badges</source>
        <translation>打印已勾选的未打印证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="439"/>
        <source>Grey rows cannot be handed out yet. Each badge opens the print dialog in turn.</source>
        <translation>灰色行暂不能发放。每张证件依次打开打印对话框。</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="441"/>
        <source>Hand out…</source>
        <translation>发放…</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="442"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="443"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="444"/>
        <source>Confirm hand-out</source>
        <translation>确认发放</translation>
    </message>
    <message>
        <location filename="../../desk/views/batch_handout.py" line="445"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="120"/>
        <source>This enterprise cannot request badges (online-only exhibitors get none).</source>
        <translation>该企业不能申请制证（线上参展商无证件）。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="142"/>
        <source>Choose at least one person.</source>
        <translation>请至少选择一人。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk/views/walkin_people.py" line="145"/>
        <source>The request above will be sent for these %n people:</source>
        <translation>
            <numerusform>上述申请将为以下 %n 人提交：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="147"/>
        <source>Send badge request</source>
        <translation>提交制证申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="164"/>
        <source>Sent. The badge requests wait for the enterprise&apos;s approval; they enter review by themselves once it is approved.</source>
        <translation>已提交。制证申请正在等待企业审核，企业审核通过后将自动进入审核。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="167"/>
        <source>Sent. The badge requests are waiting for review.</source>
        <translation>已提交，制证申请等待审核。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="187"/>
        <source>Badge request</source>
        <translation>制证申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="188"/>
        <source>One badge type for the whole batch.</source>
        <translation>整批申请使用同一种证件类型。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="189"/>
        <source>Badge type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="191"/>
        <source>Send badge request…</source>
        <translation>提交制证申请…</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../desk/views/status_bar.py" line="25"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="27"/>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="30"/>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="32"/>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="103"/>
        <source>%1 waiting to send</source>
        <translation>%1 条待发送</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="109"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="111"/>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="112"/>
        <source> (signed in offline)</source>
        <translation>（离线登录）</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="113"/>
        <source>Operator: %1</source>
        <translation>登记员：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="114"/>
        <source>Desk: %1</source>
        <translation>登记台：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="123"/>
        <source>This desk must be updated to version %1 or later.</source>
        <translation>本登记台须更新到 %1 或更高版本。</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="124"/>
        <source>This desk must be updated.</source>
        <translation>本登记台须更新版本。</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="125"/>
        <source>Installer: %1.</source>
        <translation>安装程序：%1。</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="129"/>
        <source>The %1 commands waiting here are kept and sent after the update.</source>
        <translation>本登记台 %1 条待提交内容已保留，更新后自动发送。</translation>
    </message>
    <message>
        <location filename="../../desk/views/status_bar.py" line="126"/>
        <source>Ask fair IT for the installer.</source>
        <translation>安装程序请向大会技术人员索取。</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../desk/views/login.py" line="55"/>
        <source>Enter the service address and the code.</source>
        <translation>请填写服务地址和注册码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="60"/>
        <source>The service address starts with http:// or https:// and names the service&apos;s computer, like http://192.168.1.10:8700.</source>
        <translation>服务地址以 http:// 或 https:// 开头，并写明服务所在的计算机，例如 http://192.168.1.10:8700。</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="64"/>
        <source>Checking the address and the code…</source>
        <translation>正在核对服务地址和注册码……</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="81"/>
        <source>%1 answered, but it is not the fair&apos;s registration service: check the address (and its port) with fair IT.</source>
        <translation>%1 有应答，但不是大会的登记服务：请与大会技术人员核对地址（及端口）。</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="84"/>
        <source>No answer from %1. Check the address, the network cable or Wi-Fi, and that the service is running; then try again. Nothing was changed on this desk.</source>
        <translation>%1 没有应答。请检查地址、网线或无线网络，以及服务是否在运行，然后重试。本登记台未作任何更改。</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="90"/>
        <source>Enroll this desk</source>
        <translation>登记台注册</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="91"/>
        <source>Fair IT gives each desk a one-time enrollment code.</source>
        <translation>由大会技术人员为每个登记台提供一次性注册码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="92"/>
        <source>Service address</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="93"/>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
</context>
<context>
    <name>EnterpriseFields</name>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="108"/>
        <source>Name (as on the licence)</source>
        <translation>名称（与营业执照一致）</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="108"/>
        <source>Nature</source>
        <translation>单位性质</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="109"/>
        <source>Registered in</source>
        <translation>注册地</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="109"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="110"/>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="110"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="111"/>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="112"/>
        <source>Interested sectors</source>
        <translation>感兴趣的行业领域</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="113"/>
        <source>Company type</source>
        <translation>公司类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="114"/>
        <source>Fortune Global 500</source>
        <translation>财富世界500强</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="115"/>
        <source>Company in the list</source>
        <translation>名单中的企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="116"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="116"/>
        <source>Introduction</source>
        <translation>单位简介</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="123"/>
        <source>Listed</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="124"/>
        <source>50 to 1000 characters; public once approved</source>
        <translation>50 至 1000 字；审核通过后公开</translation>
    </message>
</context>
<context>
    <name>EnterpriseFixDialog</name>
    <message>
        <location filename="../../desk/views/attention_fix.py" line="83"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_fix.py" line="84"/>
        <source>Application</source>
        <translation>参展/参会申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_fix.py" line="91"/>
        <source>Send again</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location filename="../../desk/views/attention_fix.py" line="98"/>
        <source>Fix and send again</source>
        <translation>修改后重新提交</translation>
    </message>
</context>
<context>
    <name>EnterpriseInfoPage</name>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="152"/>
        <source>The enterprise</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_enterprise.py" line="153"/>
        <source>As on the business licence. One account per enterprise name.</source>
        <translation>按营业执照填写。一个企业名称只能注册一个账户。</translation>
    </message>
</context>
<context>
    <name>EnterpriseModel</name>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="95"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="95"/>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="95"/>
        <source>Identifier</source>
        <translation>企业标识</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="96"/>
        <source>Takes part as</source>
        <translation>参与方式</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="96"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="96"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
</context>
<context>
    <name>EnterprisesPanel</name>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="205"/>
        <source>Find an enterprise, or register a walk-in (F3).</source>
        <translation>查找企业，或为现场来访企业注册（F3）。</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="274"/>
        <source>Enterprise name, pinyin initials, credit code or account identifier</source>
        <translation>企业名称、拼音首字母、信用代码或企业标识</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="276"/>
        <source>Walk-in (F3)</source>
        <translation>现场注册 (F3)</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="277"/>
        <source>Account help</source>
        <translation>账户帮助</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="278"/>
        <source>Add people and request badges</source>
        <translation>添加人员并申请制证</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="279"/>
        <source>Hand out badges to collector… (Ctrl+Shift+H)</source>
        <translation>批量发放给领取人…（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="283"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="283"/>
        <source>Takes part as</source>
        <translation>参与方式</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="284"/>
        <source>Account identifier</source>
        <translation>企业/机构标识</translation>
    </message>
    <message>
        <location filename="../../desk/views/enterprises_panel.py" line="285"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desk/views/errors.py" line="45"/>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="46"/>
        <source>This operator has not signed in online at this desk yet: sign in once while the service is reachable.</source>
        <translation>该登记员尚未在本登记台在线登录过：请在能连接服务时先在线登录一次。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="49"/>
        <source>This account may not sign in at this desk.</source>
        <translation>该账户不能在本登记台登录。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="50"/>
        <location filename="../../desk/views/errors.py" line="62"/>
        <source>This desk is not enrolled yet.</source>
        <translation>本登记台尚未注册。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="51"/>
        <source>This desk was revoked: syncing has stopped. Call fair IT.</source>
        <translation>本登记台已被停用，同步已停止。请联系大会技术人员。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="53"/>
        <source>This desk&apos;s data was restored from a copy: syncing has stopped until fair IT enrolls it again.</source>
        <translation>本登记台数据是从副本恢复的：在重新注册前同步已停止。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="56"/>
        <location filename="../../desk/views/errors.py" line="58"/>
        <source>The service needs a newer desk: update this desk.</source>
        <translation>服务需要更新版本的登记台：请更新本登记台。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="60"/>
        <source>The service cannot be reached.</source>
        <translation>无法连接服务。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="61"/>
        <source>Too many attempts: wait a few minutes.</source>
        <translation>尝试次数过多：请稍候再试。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="63"/>
        <source>The enrollment code is wrong or was used already.</source>
        <translation>注册码错误或已被使用。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="65"/>
        <source>The enrollment code has expired: ask fair IT for a new one.</source>
        <translation>注册码已过期：请向大会技术人员索取新的注册码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="68"/>
        <source>The service answered with an error (%1).</source>
        <translation>服务返回错误（%1）。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="88"/>
        <source>The service cannot be reached. The desk keeps working; what you do is sent when the link returns.</source>
        <translation>无法连接服务。登记台照常工作，网络恢复后自动提交。</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="99"/>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="115"/>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="119"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location filename="../../desk/views/errors.py" line="125"/>
        <source>The desk met an unexpected problem. Your work that was already saved is safe. Copy the report below and give it to fair IT.</source>
        <translation>登记台遇到意外问题。已保存的工作不会丢失。请复制以下报告交给大会技术人员。</translation>
    </message>
</context>
<context>
    <name>FindPage</name>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="89"/>
        <source>Already registered: %1. Choose it below instead of registering it again.</source>
        <translation>已登记：%1。请在下方选择该企业，不要重复注册。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="91"/>
        <source>Similar names are registered: %1. Check it is not one of them.</source>
        <translation>已有相似名称：%1。请确认不是其中之一。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="127"/>
        <source>Find the enterprise</source>
        <translation>查找企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="128"/>
        <source>Type the name or the credit code. If it is registered, choose it; otherwise register it.</source>
        <translation>输入名称或信用代码。已登记的请选择，未登记的请注册。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="130"/>
        <source>Enterprise name or unified social credit code</source>
        <translation>企业名称或统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="131"/>
        <source>Use the enterprise chosen above</source>
        <translation>使用上面选中的企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="132"/>
        <source>Register a new enterprise with this name</source>
        <translation>以此名称注册新企业</translation>
    </message>
</context>
<context>
    <name>HandOutDialog</name>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="142"/>
        <source>Hand out badge</source>
        <translation>发放证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="144"/>
        <source>%1 — badge %2</source>
        <translation>%1 — 证件 %2</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="146"/>
        <source>To the holder (check the document in hand)</source>
        <translation>交给本人（核验所持证件）</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="147"/>
        <source>To a collector for the enterprise</source>
        <translation>交给企业指定的领取人</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="148"/>
        <source>Collector&apos;s name</source>
        <translation>领取人姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="149"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="150"/>
        <source>Document number (type or scan)</source>
        <translation>证件号码（输入或扫描）</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="152"/>
        <source>Hand out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../desk/views/handout_dialog.py" line="153"/>
        <source>The number on the document in hand</source>
        <translation>所持证件上的号码</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desk/views/labels.py" line="15"/>
        <source>Not requested</source>
        <translation>未申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="16"/>
        <source>Waiting for the enterprise&apos;s approval</source>
        <translation>等待企业审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="17"/>
        <location filename="../../desk/views/labels.py" line="31"/>
        <source>Pending review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="18"/>
        <location filename="../../desk/views/labels.py" line="32"/>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="19"/>
        <location filename="../../desk/views/labels.py" line="33"/>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="20"/>
        <location filename="../../desk/views/labels.py" line="34"/>
        <source>Rejected</source>
        <translation>被驳回</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="21"/>
        <location filename="../../desk/views/labels.py" line="52"/>
        <source>Printed</source>
        <translation>制证完成</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="22"/>
        <location filename="../../desk/views/labels.py" line="53"/>
        <source>Handed out</source>
        <translation>已领取</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="23"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="30"/>
        <source>Not applied</source>
        <translation>未申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="41"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="42"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="43"/>
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="44"/>
        <source>Not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../../desk/views/labels.py" line="51"/>
        <source>Badge requested</source>
        <translation>已申请制证</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../desk/views/lock.py" line="116"/>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../../desk/views/lock.py" line="137"/>
        <source>Locked — %1, type your password to go on</source>
        <translation>已锁定 — %1，请输入密码继续</translation>
    </message>
    <message>
        <location filename="../../desk/views/lock.py" line="139"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../desk/views/lock.py" line="140"/>
        <source>Sign in as someone else</source>
        <translation>以其他账户登录</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desk/views/login.py" line="131"/>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="134"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="160"/>
        <source>Sign in — Fair Desk</source>
        <translation>登录 — 现场登记台</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="161"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desk/views/login.py" line="162"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk/views/main_window.py" line="252"/>
        <location filename="../../desk/views/main_window.py" line="347"/>
        <source>Help line</source>
        <translation>服务热线</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="253"/>
        <source>The fair&apos;s bilingual help line: %1</source>
        <translation>服贸会中英文服务热线：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="256"/>
        <source>About Fair Desk</source>
        <translation>关于现场登记台</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="257"/>
        <source>Fair Desk %1 — the on-site registration desk.</source>
        <translation>现场登记台 %1 — 服贸会现场证件办理。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="266"/>
        <location filename="../../desk/views/main_window.py" line="336"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="275"/>
        <location filename="../../desk/views/main_window.py" line="338"/>
        <source>Host organisation</source>
        <translation>承办机构</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="291"/>
        <source>The review panel is not installed on this desk.</source>
        <translation>本登记台未安装审核功能。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="306"/>
        <source>The service needs a newer desk: update this desk. Nothing is lost; the waiting work is kept.</source>
        <translation>服务需要更新版本的登记台：请更新。内容不会丢失，待提交内容已保留。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="312"/>
        <source>Syncing has stopped (%1): call fair IT. The waiting work is kept.</source>
        <translation>同步已停止（%1）：请联系大会技术人员。待提交内容已保留。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="315"/>
        <source>This desk is not enrolled: it works on its own data only.</source>
        <translation>本登记台未注册：只能使用本地数据。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="317"/>
        <source>Offline: the desk keeps working and sends everything when the link returns. Review decisions need the link.</source>
        <translation>离线：登记台照常工作，网络恢复后自动提交所有内容。审核决定需要联网。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="324"/>
        <source>Attention</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="330"/>
        <source>Fair Desk — on-site registration</source>
        <translation>现场登记台 — 证件办理</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="331"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="168"/>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="168"/>
        <source>Badges</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="310"/>
        <source>Installer: %1.</source>
        <translation>安装程序：%1。</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="340"/>
        <source>Find person</source>
        <translation>查找人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="340"/>
        <source>Walk-in registration</source>
        <translation>现场注册</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="341"/>
        <source>Print badge</source>
        <translation>打印证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="341"/>
        <source>Hand out badge</source>
        <translation>发放证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="342"/>
        <source>Reprint badge</source>
        <translation>补打证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="342"/>
        <source>Edit person</source>
        <translation>编辑人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="343"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="343"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="344"/>
        <source>Account help (forgotten identifier or password)</source>
        <translation>账户帮助（忘记企业标识或密码）</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="345"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="345"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="347"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="351"/>
        <source>&amp;Desk</source>
        <translation>登记台(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="352"/>
        <source>&amp;Badge</source>
        <translation>证件(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="353"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk/views/main_window.py" line="354"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>ParticipationFields</name>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="116"/>
        <source>Takes part as</source>
        <translation>参与方式</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="117"/>
        <source>Attendee type</source>
        <translation>参会类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="118"/>
        <source>Exhibitor type</source>
        <translation>参展类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="119"/>
        <source>Invitation code</source>
        <translation>邀请码</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="120"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="121"/>
        <source>Contact&apos;s position</source>
        <translation>联系人职务</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="122"/>
        <source>Contact&apos;s phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="123"/>
        <source>Contact&apos;s e-mail</source>
        <translation>联系人邮箱</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="124"/>
        <source>Purposes</source>
        <translation>参展/参会目的</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="125"/>
        <source>What is exhibited</source>
        <translation>参展内容</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="126"/>
        <source>Exhibition needs</source>
        <translation>参展需求</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_application.py" line="132"/>
        <source>From the host organisation that invited them</source>
        <translation>由邀请该企业的承办机构提供</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../desk/views/people_model.py" line="200"/>
        <source>Host staff</source>
        <translation>机构人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="202"/>
        <source>Guest</source>
        <translation>嘉宾</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="209"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="209"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="209"/>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="209"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="210"/>
        <source>Badge</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_model.py" line="210"/>
        <source>Badge code</source>
        <translation>证件编号</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="73"/>
        <source>no photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="86"/>
        <source>The people</source>
        <translation>企业人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="87"/>
        <source>Add each person who needs a badge, with a photo.</source>
        <translation>逐一添加需要证件的人员，并附证件照。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="88"/>
        <source>People can be added while the enterprise waits for its review.</source>
        <translation>企业等待审核期间也可以添加人员。</translation>
    </message>
    <message>
        <location filename="../../desk/views/walkin_people.py" line="90"/>
        <source>Add person…</source>
        <translation>添加人员…</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <location filename="../../desk/views/people_panel.py" line="121"/>
        <source>Nobody found for “%1”.</source>
        <translation>未找到“%1”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desk/views/people_panel.py" line="123"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>找到 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desk/views/people_panel.py" line="124"/>
        <source>50 or more matches: type more to narrow</source>
        <translation>匹配 50 人以上：请继续输入以缩小范围</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_panel.py" line="200"/>
        <source>Badge handed out to %1.</source>
        <translation>已向 %1 发放证件。</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_panel.py" line="206"/>
        <source>%1 is registered by a host organisation: it edits their data.</source>
        <translation>%1 由承办机构登记，其信息由该机构修改。</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_panel.py" line="215"/>
        <source>Name, pinyin (e.g. zw), document or phone tail, badge code — or scan</source>
        <translation>姓名、拼音（如 zw）、证件号或手机尾号、证件编号 — 或扫描</translation>
    </message>
    <message>
        <location filename="../../desk/views/people_panel.py" line="216"/>
        <source>Ctrl+F or F2 to come back here</source>
        <translation>按 Ctrl+F 或 F2 回到这里</translation>
    </message>
</context>
<context>
    <name>PersonCardView</name>
    <message>
        <location filename="../../desk/views/person_card.py" line="171"/>
        <source>Loading photo…</source>
        <translation>正在加载照片…</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="176"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="189"/>
        <source>Photo not available offline</source>
        <translation>离线时无法获取照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="206"/>
        <source>Scan a badge or type a name, pinyin, document or phone number</source>
        <translation>扫描证件，或输入姓名、拼音、证件号码或手机号</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="238"/>
        <source>The badge request waits for the enterprise&apos;s approval.</source>
        <translation>制证申请正在等待企业审核。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="240"/>
        <source>This badge was handed out already.</source>
        <translation>该证件已发放。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="242"/>
        <source>Registered by a host organisation: the delegate badge request comes with the committee&apos;s approval.</source>
        <translation>由主办单位登记：组委会审核通过后自动生成参会代表证件申请。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="245"/>
        <source>No badge request yet: add one from the Enterprises tab.</source>
        <translation>尚无制证申请：请在“企业”页添加。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="311"/>
        <source>Type or scan the number on the document in hand.</source>
        <translation>请输入或扫描所持证件上的号码。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="312"/>
        <source>The document in hand matches: the whole number is shown for a minute.</source>
        <translation>所持证件与登记的一致：完整号码显示一分钟。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="314"/>
        <source>The number differs from the registered one: check the document, do not hand out.</source>
        <translation>证件号码与登记的不一致：请核对证件，不要发放。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="344"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="344"/>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="345"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="345"/>
        <source>Badge state</source>
        <translation>制证状态</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="346"/>
        <source>Badge code</source>
        <translation>证件编号</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="346"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="349"/>
        <source>&amp;Print badge (Ctrl+P)</source>
        <translation>打印证件(&amp;P) (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="350"/>
        <source>&amp;Hand out (Ctrl+H)</source>
        <translation>发放(&amp;H) (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="351"/>
        <source>&amp;Reprint (Ctrl+R)</source>
        <translation>补打(&amp;R) (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="352"/>
        <source>&amp;Edit (Ctrl+E)</source>
        <translation>编辑(&amp;E) (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="353"/>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="354"/>
        <source>Number on the document in hand</source>
        <translation>所持证件上的号码</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_card.py" line="355"/>
        <source>Check &amp;document</source>
        <translation>核对证件(&amp;D)</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../desk/views/person_dialog.py" line="125"/>
        <source>Edit person</source>
        <translation>编辑人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_dialog.py" line="125"/>
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_dialog.py" line="126"/>
        <source>Badge photo</source>
        <translation>证件照</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_dialog.py" line="149"/>
        <source>Badge request</source>
        <translation>制证申请</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_dialog.py" line="150"/>
        <source>Send the new data to the reviewers (the badge request goes back to review)?</source>
        <translation>是否将新信息提交审核（制证申请将重新进入审核）？</translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <location filename="../../desk/views/person_form.py" line="118"/>
        <source>The MRZ does not read: scan it again or type the fields.</source>
        <translation>机读码无法识别：请重新扫描或手工填写。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="121"/>
        <source>Read from the MRZ: check the fields below.</source>
        <translation>已从机读码读取：请核对下方各项。</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="172"/>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="172"/>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="173"/>
        <source>Passport MRZ (scan)</source>
        <translation>护照机读码（扫描）</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="173"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="174"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="174"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="175"/>
        <source>Birthday</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="175"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="176"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="176"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="177"/>
        <source>Duty</source>
        <translation>用户职责</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="177"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="183"/>
        <source>As on the document; from abroad: in Latin letters</source>
        <translation>与证件一致；境外人员填写英文（拉丁字母）</translation>
    </message>
    <message>
        <location filename="../../desk/views/person_form.py" line="184"/>
        <source>Scan the two MRZ lines at the bottom of the passport&apos;s photo page</source>
        <translation>扫描护照资料页底部的两行机读码</translation>
    </message>
</context>
<context>
    <name>PhotoStep</name>
    <message>
        <location filename="../../desk/views/photo_step.py" line="89"/>
        <source>Choose the badge photo</source>
        <translation>选择证件照</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="90"/>
        <source>Pictures</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="98"/>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="116"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="136"/>
        <source>The photo does not pass:</source>
        <translation>照片不合格：</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="158"/>
        <source>Cannot fix it:</source>
        <translation>无法自动修正：</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="159"/>
        <source>Take or import another photo.</source>
        <translation>请重新拍摄或导入其他照片。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="173"/>
        <source>The photo passes.</source>
        <translation>照片合格。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="185"/>
        <source>The registered photo is kept unless you import another.</source>
        <translation>除非导入新照片，否则保留已登记的照片。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="199"/>
        <source>Not a picture</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="205"/>
        <source>Take photo…</source>
        <translation>拍摄照片…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="206"/>
        <source>Import photo file…</source>
        <translation>导入照片文件…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="207"/>
        <source>Fix automatically</source>
        <translation>自动修正</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="209"/>
        <source>Drop a photo here</source>
        <translation>将照片拖到这里</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_step.py" line="210"/>
        <source>A badge photo is needed before the badge request.</source>
        <translation>提交制证申请前需要证件照。</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../desk/views/printing_hook.py" line="42"/>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../desk/views/printing_hook.py" line="43"/>
        <source>Badge printing is not available on this desk.</source>
        <translation>本登记台不能打印证件。</translation>
    </message>
</context>
<context>
    <name>RequestModel</name>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="117"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="117"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="117"/>
        <source>Badge type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="117"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="118"/>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location filename="../../desk/views/badges_panel.py" line="118"/>
        <source>Badge code</source>
        <translation>证件编号</translation>
    </message>
</context>
<context>
    <name>WalkInWizard</name>
    <message>
        <location filename="../../desk/views/walkin_wizard.py" line="218"/>
        <source>Walk-in registration</source>
        <translation>现场注册</translation>
    </message>
</context>
</TS>
